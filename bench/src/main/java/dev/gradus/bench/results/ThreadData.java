package dev.gradus.bench.results;

import java.util.List;

/**
 * The thread and multi-tensor part of the report, as measured (empty with {@code --no-threads}).
 *
 * @param steps       {@code ThreadBench}: each rule and size on 1 and 2 threads
 * @param probes      {@code ThreadProbeBench}: the bandwidth probes on 2 threads
 * @param multiTensor {@code MultiTensorBench}: Adam over each layout on 1 and 2 threads
 */
public record ThreadData(List<ThreadResult> steps, List<ThreadProbeResult> probes, List<MultiTensorResult> multiTensor) {

    public ThreadData {
        steps = List.copyOf(steps);
        probes = List.copyOf(probes);
        multiTensor = List.copyOf(multiTensor);
    }

    public static ThreadData empty() {
        return new ThreadData(List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty() && probes.isEmpty() && multiTensor.isEmpty();
    }
}
