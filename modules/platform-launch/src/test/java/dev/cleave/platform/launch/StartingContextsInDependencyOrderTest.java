package dev.cleave.platform.launch;

import java.util.List;
import java.util.Set;

import dev.cleave.platform.launch.FakeContext.Counter;
import dev.cleave.platform.launch.FakeContext.Greeter;
import dev.cleave.platform.spi.ContextProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartingContextsInDependencyOrderTest {

    @Test
    void aContextStartsAfterTheContextWhoseApiItRequires() {
        ContextProvider consumer = FakeContext.plain("consumer", Set.of(), Set.of(Greeter.class));
        ContextProvider producer = FakeContext.plain("producer", Set.of(Greeter.class), Set.of());

        assertEquals(List.of(producer, consumer), StartOrder.of(List.of(consumer, producer)));
    }

    @Test
    void aRequirementNoLocalContextProvidesDoesNotBlockTheOrder() {
        ContextProvider alone = FakeContext.plain("alone", Set.of(), Set.of(Greeter.class));

        assertEquals(List.of(alone), StartOrder.of(List.of(alone)));
    }

    @Test
    void contextsThatRequireEachOtherInACycleAreRefusedNamingTheCycle() {
        ContextProvider a = FakeContext.plain("a", Set.of(Greeter.class), Set.of(Counter.class));
        ContextProvider b = FakeContext.plain("b", Set.of(Counter.class), Set.of(Greeter.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartOrder.of(List.of(a, b)));
        assertTrue(e.getMessage().contains("cycle: a -> b -> a"), e.getMessage());
    }

    @Test
    void twoContextsWithOneNameAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartOrder.of(List.of(
                FakeContext.plain("same", Set.of(), Set.of()), FakeContext.plain("same", Set.of(), Set.of()))));
        assertTrue(e.getMessage().contains("'same'"), e.getMessage());
    }

    @Test
    void twoContextsProvidingOneApiAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartOrder.of(List.of(
                FakeContext.plain("one", Set.of(Greeter.class), Set.of()),
                FakeContext.plain("two", Set.of(Greeter.class), Set.of()))));
        assertTrue(e.getMessage().contains("provided by both 'one' and 'two'"), e.getMessage());
    }
}
