package dev.gradus.reference;

import dev.gradus.testing.CatalogEntry;
import dev.gradus.testing.RuleCatalog;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every invalid hyperparameter in the catalogue is rejected with its exact message. */
class RuleValidationTest {

    @TestFactory
    Stream<DynamicContainer> invalidHyperparametersAreRejected() {
        return RuleCatalog.entries().stream().map(e -> {
            assertFalse(e.invalid().isEmpty(), e.family() + " lists no invalid hyperparameters");
            return DynamicContainer.dynamicContainer(e.family(), e.invalid().stream().map(inv ->
                    DynamicTest.dynamicTest(inv.what(), () -> check(inv))));
        });
    }

    private static void check(CatalogEntry.Invalid inv) {
        var ex = assertThrows(IllegalArgumentException.class, inv.build()::get, inv.what());
        assertEquals(inv.message(), ex.getMessage(), inv.what());
    }
}
