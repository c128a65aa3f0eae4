"""torch CPU Adam step, ns per float32 element, for a side-by-side comparison with Gradus.

Run:  python3 bench/peers/torch_adam.py [threads]
Measures torch.optim.Adam on one parameter of each size: the single-tensor path (foreach=False,
the code path of torch 1.13's CPU Adam) and, where the installed torch has it, the fused CPU kernel
(fused=True). Gradients are fixed; each figure is the best of 7 timings of >= 0.3 s.
"""
import sys
import time

import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
torch.set_num_threads(threads)
print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
for n in (4096, 65536, 1048576, 16777216):
    for mode in ("foreach=False", "fused=True"):
        p = torch.nn.Parameter(torch.randn(n))
        p.grad = torch.randn(n) * 1e-2
        kwargs = {"foreach": False} if mode == "foreach=False" else {"fused": True}
        try:
            opt = torch.optim.Adam([p], lr=1e-3, **kwargs)
            opt.step()
        except (RuntimeError, TypeError, ValueError) as e:
            print(f"{mode:14s} n={n:<9d} not available: {e}")
            continue
        best = float("inf")
        for _ in range(7):
            calls, t0 = 0, time.perf_counter()
            while True:
                opt.step()
                calls += 1
                t = time.perf_counter()
                if t - t0 >= 0.3:
                    break
            best = min(best, (t - t0) / calls / n * 1e9)
        print(f"{mode:14s} n={n:<9d} {best:.3f} ns/element")
