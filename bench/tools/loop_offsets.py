"""Where each JMH fork's compiled kernel loop landed, beside the fork's last measured iteration.

A diagnostic for the per-JVM slow modes (docs/performance-history.md, session 28): run a benchmark with
the kernel's machine code printed (hsdis on LD_LIBRARY_PATH, see bench/tools/hsdis-capstone.c), e.g.

  LD_LIBRARY_PATH=/tmp/hsdis JAVA_TOOL_OPTIONS="-XX:+UnlockDiagnosticVMOptions \
    -XX:CompileCommand=print,dev.gradus.simd.VectorYogi::yogi -XX:PrintAssemblyOptions=intel" \
    java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar \
    '^dev.gradus.bench.StepBench.step$' -p rule=yogi -p kernels=vector -p size=16777216 \
    -p memory=array -f 3 > run.txt
  python3 bench/tools/loop_offsets.py run.txt

For every C2 compilation of a vector kernel it finds the unrolled loop (the shortest backward jump whose
body holds at least four square roots, as Adam-like kernels' do) and prints the loop's first and last
instruction as offsets within a 4 KiB page, and the last "Iteration N" or "MEASUREMENT N" figure of the same
fork (JMH's console output or a report's jmh.log). The same machine code at two offsets can run at two speeds.
"""
import re
import sys

METHOD = re.compile(r"Compiled method \(c2\).*\b(Vector\w+::\w+) ")
INSN = re.compile(r"\s*0x([0-9a-f]{16}):\s+(.*)")
JUMP = re.compile(r"j\w+\s+0x([0-9a-f]+)")
SCORE = re.compile(r"\s*(?:Iteration|MEASUREMENT)\s+\d+:\s+([\d.]+) ns/op")


def unrolled_loop(insns):
    """(first, last) address of the shortest backward jump's loop with >= 4 vsqrtps, or None."""
    best = None
    for addr, text in insns:
        m = JUMP.match(text)
        if not m:
            continue
        target = int(m.group(1), 16)
        if not (target < addr and addr - target < 4096):
            continue
        roots = sum("vsqrtps" in t for a, t in insns if target <= a <= addr)
        if roots >= 4 and (best is None or addr - target < best[1] - best[0]):
            best = (target, addr)
    return best


def main(path):
    rows, current = [], None  # rows: [method, loop, last score]; current: the row of this fork's compilation
    for line in open(path, errors="replace"):
        if line.startswith("# Fork:"):
            current = None
            continue
        m = METHOD.match(line)
        if m:
            current = [m.group(1), [], None]
            rows.append(current)
            continue
        i = INSN.match(line)
        if i and current is not None:
            current[1].append((int(i.group(1), 16), i.group(2)))
            continue
        s = SCORE.match(line)
        if s and current is not None:
            current[2] = float(s.group(1))
    for name, insns, ns in rows:
        loop = unrolled_loop(insns)
        where = "loop not found" if loop is None else "loop at page offsets %#05x-%#05x" % (loop[0] & 0xFFF, loop[1] & 0xFFF)
        print(f"{name:32s} {where}  last iteration {ns if ns is not None else '?'} ns/op")


if __name__ == "__main__":
    main(sys.argv[1])
