package dev.gradus.bench;

import dev.gradus.rules.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every benchmark rule has its bytes per element (spec §M), and they agree with its state slots. */
class RuleTrafficTest {

    /**
     * Rules whose traffic is not one read and one write per state slot (spec §M: Lookahead touches
     * its slow weights every k steps, Ranger adds gradient centralization, SWATS's Adam phase leaves
     * its momentum slot untouched).
     */
    private static final Set<String> NOT_PER_SLOT = Set.of("lookahead-adam", "ranger", "swats", "swats-double");

    @TestFactory
    Stream<DynamicTest> everyBenchRuleHasItsTraffic() {
        return BenchRules.all().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            assertTrue(RuleTraffic.find(e.getKey()).isPresent(), () -> "RuleTraffic has no line for BenchRules entry '"
                    + e.getKey() + "': add its bytes per element from spec §M");
            Traffic t = RuleTraffic.of(e.getKey());
            Rule r = e.getValue();
            if (!NOT_PER_SLOT.contains(e.getKey())) {
                Traffic expected = Traffic.ofSlots(r.slotNames().size());
                assertEquals(expected.readBytes(), t.readBytes(), () -> e.getKey() + " has slots " + r.slotNames()
                        + ": a fused pass reads θ, g and each slot once");
                assertEquals(expected.writeBytes(), t.writeBytes(), () -> e.getKey() + " has slots " + r.slotNames()
                        + ": a fused pass writes θ and each slot once");
            }
        }));
    }

    @Test
    void specFigures() {
        assertEquals(28.0, RuleTraffic.of("adam").totalBytes());
        assertEquals(20.0, RuleTraffic.of("sgd-momentum").totalBytes());
        assertEquals(36.0, RuleTraffic.of("adamod").totalBytes());
        assertEquals(12.0, RuleTraffic.of("sgd").totalBytes());
    }

    @Test
    void theProbeWithTheClosestMixIsChosen() {
        assertSame(Probe.COPY_4R3W, Probe.matching(RuleTraffic.of("adam")));
        assertSame(Probe.COPY_4R3W, Probe.matching(RuleTraffic.of("adamod")));
        assertSame(Probe.COPY_4R3W, Probe.matching(RuleTraffic.of("sgd-momentum")));
        assertSame(Probe.TRIAD, Probe.matching(RuleTraffic.of("sgd")));
    }

    @Test
    void stepBenchDeclaresEveryBenchRule() throws NoSuchFieldException {
        String[] declared = StepBench.class.getField("rule").getAnnotation(Param.class).value();
        assertEquals(new TreeSet<>(BenchRules.all().keySet()), new TreeSet<>(Arrays.asList(declared)),
                "StepBench's @Param rule list and BenchRules must name the same rules");
    }
}
