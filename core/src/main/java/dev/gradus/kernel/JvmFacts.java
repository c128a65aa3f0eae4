package dev.gradus.kernel;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/** What the JVM offers the vector kernels. Names no Vector API type, so it loads everywhere. */
final class JvmFacts {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JvmFacts() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Why C2 is not available, or empty. Without C2 the Vector API runs interpreted or through
     * C1, tens of times slower than the scalar loops, so the vector kernels must not be chosen.
     */
    static Optional<String> c2Missing() {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode")) {
            return Optional.of("the JVM runs interpreted (-Xint), without the C2 compiler");
        }
        if (info.contains("emulated-client")) {
            return Optional.of("the JVM emulates a client VM (-XX:TieredStopAtLevel or -client), without C2");
        }
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean != null) {
                boolean tiered = Boolean.parseBoolean(bean.getVMOption("TieredCompilation").getValue());
                int stopAt = Integer.parseInt(bean.getVMOption("TieredStopAtLevel").getValue());
                if (tiered && stopAt < 4) {
                    return Optional.of("-XX:TieredStopAtLevel=" + stopAt + " keeps C2 off");
                }
                if (!Boolean.parseBoolean(bean.getVMOption("UseCompiler").getValue())) {
                    return Optional.of("the JIT compiler is off (-XX:-UseCompiler or -Xint)");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // Not HotSpot, or no management module: nothing tells us C2 is off.
        }
        return Optional.empty();
    }
}
