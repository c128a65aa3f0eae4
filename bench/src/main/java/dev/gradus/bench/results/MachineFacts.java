package dev.gradus.bench.results;

import dev.gradus.kernel.KernelChoice;
import dev.gradus.kernel.Kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the report was measured on.
 *
 * @param cpuModel       {@code model name} from /proc/cpuinfo, or "unknown"
 * @param cores          processors available to the JVM
 * @param memory         {@code MemTotal} from /proc/meminfo, or "unknown"
 * @param os             os.name os.version os.arch
 * @param jdk            Runtime.version() and the VM name
 * @param kernels        the kernels {@link Kernels#choice()} selects in the report's JVM
 * @param vectorBits     their float species width (0 for scalar)
 * @param fallbackReason why the scalar kernels were chosen, or empty
 */
public record MachineFacts(String cpuModel, int cores, String memory, String os, String jdk, String kernels,
                           int vectorBits, String fallbackReason) {

    public static MachineFacts detect() {
        KernelChoice c = Kernels.choice();
        return new MachineFacts(procField("/proc/cpuinfo", "model name"), Runtime.getRuntime().availableProcessors(),
                procField("/proc/meminfo", "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.version() + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
                c.provider(), c.vectorBits(), c.fallbackReason().orElse(""));
    }

    /** The value of the first {@code key: value} line of a /proc file, or "unknown". */
    static String procField(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say so below
        }
        return "unknown";
    }

    /** The facts as label → value, in display order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", cpuModel);
        m.put("cores", Integer.toString(cores));
        m.put("memory", memory);
        m.put("OS", os);
        m.put("JDK", jdk);
        m.put("kernels", kernels + (vectorBits > 0 ? " (" + vectorBits + "-bit float species)" : "")
                + (fallbackReason.isEmpty() ? "" : "; fallback: " + fallbackReason));
        return m;
    }
}
