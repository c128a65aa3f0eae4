package dev.gradus;

import dev.gradus.rules.Swats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How two rule descriptions differ, as a checkpoint load reports it. */
class ConfigValueTest {

    @Test
    void theSameRecordClassWithOtherComponentsNamesBothComponentLists() {
        ConfigValue.RecordValue current = (ConfigValue.RecordValue) ConfigValue.describe(Swats.swats());
        // as a version of Swats without its last component (sums) described itself
        List<ConfigValue.Component> older = new ArrayList<>(current.components());
        older.removeLast();
        ConfigValue.Difference d = ConfigValue.diff(new ConfigValue.RecordValue(current.type(), older), current).orElseThrow();
        assertEquals(ConfigValue.Kind.TYPE, d.kind());
        assertEquals("dev.gradus.rules.Swats with components [beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat]", d.saved());
        assertEquals("dev.gradus.rules.Swats with components [beta1, beta2, eps, weightDecay, amsgrad, nesterov, compat, sums]",
                d.current());
    }

    @Test
    void equalDescriptionsDoNotDiffer() {
        assertTrue(ConfigValue.diff(ConfigValue.describe(Swats.swats()), ConfigValue.describe(Swats.swats())).isEmpty());
    }
}
