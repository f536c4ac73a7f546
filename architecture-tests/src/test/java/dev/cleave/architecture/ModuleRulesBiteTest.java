package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every module-graph check reports a fixture module that breaks it. The fixtures are descriptors built in memory,
 * exactly as javac would write them for the offending {@code module-info.java}.
 */
class ModuleRulesBiteTest {

    @Test
    void everyModuleRuleReportsAContextThatNoRuleNames() {
        ModuleDescriptor shelf = ModuleDescriptor.newOpenModule("dev.cleave.shelf")
                .packages(Set.of("dev.cleave.shelf.domain", "dev.cleave.stock"))
                .exports("dev.cleave.shelf.domain", Set.of("dev.cleave.order"))
                .requires("dev.cleave.platform.launch")
                .build();
        ModuleDescriptor shelfApi = ModuleDescriptor.newModule("dev.cleave.shelf.api")
                .packages(Set.of("dev.cleave.shelf.api", "dev.cleave.shelf.wiring"))
                .exports("dev.cleave.shelf.api").exports("dev.cleave.shelf.wiring")
                .build();
        Map<String, ModuleDescriptor> modules = modulesOf(
                shelf, shelfApi, ModuleDescriptor.newModule("dev.cleave.platform.launch")
                        .packages(Set.of("dev.cleave.platform.launch")).exports("dev.cleave.platform.launch").build());

        List<String> violations = new java.util.ArrayList<>(ModuleChecks.all(shelf));
        violations.addAll(ModuleChecks.all(shelfApi));
        violations.addAll(ModuleChecks.noContextModuleReadsTheLaunchModule(modules));
        violations.addAll(ModuleChecks.namesExactlyThePlatformModulesItUses(shelf, Set.of(), modules));
        assertReports(violations, "dev.cleave.shelf is an open module");
        assertReports(violations, "dev.cleave.shelf contains package dev.cleave.stock");
        assertReports(violations, "dev.cleave.shelf exports dev.cleave.shelf.domain: a context's implementation");
        assertReports(violations, "dev.cleave.shelf exports dev.cleave.shelf.domain to dev.cleave.order");
        assertReports(violations, "dev.cleave.shelf.api exports dev.cleave.shelf.wiring, which is not an API");
        assertReports(violations, "dev.cleave.shelf reads dev.cleave.platform.launch");
        assertReports(violations, "dev.cleave.shelf requires dev.cleave.platform.launch but none of its classes");
    }

    @Test
    void anImplementationModuleExportingAnInternalPackageIsReported() {
        ModuleDescriptor user = ModuleDescriptor.newModule("dev.cleave.user")
                .packages(Set.of("dev.cleave.user.domain"))
                .exports("dev.cleave.user.domain")
                .build();

        assertReports(ModuleChecks.implementationExportsNothing(user),
                      "dev.cleave.user exports dev.cleave.user.domain");
    }

    @Test
    void anApiModuleExportingMoreThanItsApiIsReported() {
        ModuleDescriptor api = ModuleDescriptor.newModule("dev.cleave.order.api")
                .packages(Set.of("dev.cleave.order.api", "dev.cleave.order.apix"))
                .exports("dev.cleave.order.api")
                .exports("dev.cleave.order.apix")
                .build();

        assertReports(ModuleChecks.apiExportsOnlyItsApi(api), "exports dev.cleave.order.apix, which is not an API");
    }

    @Test
    void anOpenModuleIsReported() {
        ModuleDescriptor open = ModuleDescriptor.newOpenModule("dev.cleave.order").build();

        assertReports(ModuleChecks.notOpen(open), "dev.cleave.order is an open module");
    }

    @Test
    void aFriendExportOrOpensToAnotherContextIsReported() {
        ModuleDescriptor user = ModuleDescriptor.newModule("dev.cleave.user")
                .packages(Set.of("dev.cleave.user.domain", "dev.cleave.user.adapter.http"))
                .exports("dev.cleave.user.domain", Set.of("dev.cleave.order"))
                .opens("dev.cleave.user.adapter.http", Set.of("com.fasterxml.jackson.databind", "dev.cleave.order"))
                .build();

        List<String> violations = ModuleChecks.noQualifiedExportOrOpensToAnotherContext(user);
        assertReports(violations, "exports dev.cleave.user.domain to dev.cleave.order");
        assertReports(violations, "opens dev.cleave.user.adapter.http to dev.cleave.order");
        assertEquals(2, violations.size(), violations::toString);
    }

    @Test
    void aPackageNotNamedAfterItsModuleIsReported() {
        ModuleDescriptor order = ModuleDescriptor.newModule("dev.cleave.order")
                .packages(Set.of("dev.cleave.order.domain", "dev.cleave.shared"))
                .build();

        assertReports(ModuleChecks.packagesStartWithTheModuleName(order),
                      "contains package dev.cleave.shared, which does not start with its name");
    }

    @Test
    void aContextRequiringTheLaunchModuleIsReported() {
        Map<String, ModuleDescriptor> modules = modulesOf(
                ModuleDescriptor.newModule("dev.cleave.platform.launch").build(),
                ModuleDescriptor.newModule("dev.cleave.user").requires("dev.cleave.platform.launch").build());

        assertReports(ModuleChecks.noContextModuleReadsTheLaunchModule(modules),
                      "dev.cleave.user reads dev.cleave.platform.launch");
    }

    @Test
    void aContextClientRequiringTheAuthModuleIsReported() {
        Map<String, ModuleDescriptor> modules = modulesOf(
                ModuleDescriptor.newModule("dev.cleave.platform.auth").build(),
                ModuleDescriptor.newModule("dev.cleave.user.client").requires("dev.cleave.platform.auth").build(),
                ModuleDescriptor.newModule("dev.cleave.app.order").requires("dev.cleave.platform.auth").build());

        List<String> violations = ModuleChecks.noContextModuleReadsTheAuthModule(modules);
        assertReports(violations, "dev.cleave.user.client reads dev.cleave.platform.auth");
        assertEquals(1, violations.size(), "an assembly may read it: " + violations);
    }

    @Test
    void aContextReadingTheLaunchModuleThroughATransitiveRequiresIsReported() {
        Map<String, ModuleDescriptor> modules = modulesOf(
                ModuleDescriptor.newModule("dev.cleave.platform.launch").build(),
                ModuleDescriptor.newModule("dev.cleave.platform.web")
                        .requires(Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE), "dev.cleave.platform.launch")
                        .build(),
                ModuleDescriptor.newModule("dev.cleave.order").requires("dev.cleave.platform.web").build());

        List<String> violations = ModuleChecks.noContextModuleReadsTheLaunchModule(modules);
        assertReports(violations, "dev.cleave.order reads dev.cleave.platform.launch");
        assertEquals(1, violations.size(), violations::toString);
    }

    @Test
    void aModuleUsingAPlatformModuleItOnlyReadsTransitivelyIsReported() {
        ModuleDescriptor order = ModuleDescriptor.newModule("dev.cleave.order")
                .requires("dev.cleave.platform.persistence").build();

        assertReports(ModuleChecks.namesExactlyThePlatformModulesItUses(
                              order, Set.of("dev.cleave.platform.persistence", "dev.cleave.platform.spi"), Map.of()),
                      "dev.cleave.order uses dev.cleave.platform.spi but does not name it");
    }

    @Test
    void aModuleNamingAPlatformModuleItDoesNotUseIsReported() {
        ModuleDescriptor client = ModuleDescriptor.newModule("dev.cleave.user.client")
                .requires("dev.cleave.platform.spi").requires("dev.cleave.platform.web").build();

        Map<String, ModuleDescriptor> modules = modulesOf(
                ModuleDescriptor.newModule("dev.cleave.platform.spi").packages(Set.of("dev.cleave.platform.spi"))
                        .exports("dev.cleave.platform.spi").build(),
                ModuleDescriptor.newModule("dev.cleave.platform.web").packages(Set.of("dev.cleave.platform.web"))
                        .exports("dev.cleave.platform.web").build());

        assertReports(ModuleChecks.namesExactlyThePlatformModulesItUses(
                              client, Set.of("dev.cleave.platform.spi"), modules),
                      "dev.cleave.user.client requires dev.cleave.platform.web but none of its classes uses it");
    }

    @Test
    void anAssemblyRequiringATransportOnlyToPutItOnTheGraphIsNotReported() {
        ModuleDescriptor app = ModuleDescriptor.newModule("dev.cleave.app.user")
                .requires("dev.cleave.platform.launch").requires("dev.cleave.platform.amqp").build();
        Map<String, ModuleDescriptor> modules = modulesOf(
                ModuleDescriptor.newModule("dev.cleave.platform.launch").packages(Set.of("dev.cleave.platform.launch"))
                        .exports("dev.cleave.platform.launch").build(),
                ModuleDescriptor.newModule("dev.cleave.platform.amqp").build());

        assertEquals(List.of(), ModuleChecks.namesExactlyThePlatformModulesItUses(
                app, Set.of("dev.cleave.platform.launch"), modules));
    }

    @Test
    void aUserServiceThatPullsInTheOrderContextThroughServiceBindingIsReported() {
        // app-user's module path by mistake also holds the order context: service binding resolves it.
        ModuleFinder finder = finderOf(
                ModuleDescriptor.newModule("dev.cleave.platform.spi").packages(Set.of("dev.cleave.platform.spi"))
                        .exports("dev.cleave.platform.spi").uses("dev.cleave.platform.spi.ContextProvider").build(),
                ModuleDescriptor.newModule("dev.cleave.app.user").requires("dev.cleave.user").build(),
                ModuleDescriptor.newModule("dev.cleave.user").requires("dev.cleave.platform.spi")
                        .packages(Set.of("dev.cleave.user.wiring"))
                        .provides("dev.cleave.platform.spi.ContextProvider", List.of("dev.cleave.user.wiring.P"))
                        .build(),
                ModuleDescriptor.newModule("dev.cleave.order").requires("dev.cleave.platform.spi")
                        .packages(Set.of("dev.cleave.order.wiring"))
                        .provides("dev.cleave.platform.spi.ContextProvider", List.of("dev.cleave.order.wiring.P"))
                        .build());
        AssemblyFacts userService = new AssemblyFacts("user",
                                                      Modules.resolveWithoutBinding(finder, "dev.cleave.app.user"),
                                                      Modules.resolve(finder, "dev.cleave.app.user"),
                                                      Map.of(), Map.of());

        List<String> violations = AssemblyRules.nothingArrivesByServiceBindingAlone(userService);
        assertReports(violations, "app-user resolves dev.cleave.order only through service binding");
        assertEquals(1, violations.size(), violations::toString);
    }

    @Test
    void aMonolithMissingAContextIsReportedWhateverTheContextIsCalled() {
        AssemblyFacts monolith = assembly("monolith", Set.of(), USER);

        List<String> violations = AssemblyRules.theMonolithRunsEveryContext(
                monolith, List.of("dev.cleave.user", "dev.cleave.order", "dev.cleave.shelf"));
        assertReports(violations, "app-monolith does not run dev.cleave.order");
        assertReports(violations, "app-monolith does not run dev.cleave.shelf");
        assertEquals(2, violations.size(), violations::toString);
    }

    @Test
    void aContextWhoseRequiredApiIsBoundNowhereIsReported() {
        AssemblyFacts orderService = assembly("order", Set.of(), ORDER);

        assertReports(AssemblyRules.everyRequiredApiIsBoundOnce(orderService),
                      "app-order runs dev.cleave.order, which requires dev.cleave.user.api.UserDirectory, but no "
                      + "context there provides it");
    }

    @Test
    void anApiBoundBothInProcessAndRemotelyIsReported() {
        AssemblyFacts monolith = new AssemblyFacts("monolith", Set.of(), Set.of(), contexts(USER, ORDER),
                                                   Map.of(USER_DIRECTORY, "dev.cleave.user.client"));

        assertReports(AssemblyRules.everyRequiredApiIsBoundOnce(monolith),
                      "app-monolith has both a context providing dev.cleave.user.api.UserDirectory and the remote "
                      + "client dev.cleave.user.client");
    }

    @Test
    void anAssemblyHoldingModulesOfAContextItNeitherRunsNorCallsIsReported() {
        AssemblyFacts userService = assembly("user", Set.of("dev.cleave.app.user", "dev.cleave.user",
                                                            "dev.cleave.user.api", "dev.cleave.shelf.api"), USER);

        List<String> violations = AssemblyRules.holdsOnlyTheContextsItRunsAndTheApisTheyCall(userService);
        assertReports(violations, "app-user resolves dev.cleave.shelf.api, which belongs to no context it runs");
        assertEquals(1, violations.size(), violations::toString);
    }

    @Test
    void aSplitServiceWithTheApiAndClientOfTheContextItCallsIsNotReported() {
        AssemblyFacts orderService = new AssemblyFacts(
                "order", Set.of(), Set.of("dev.cleave.app.order", "dev.cleave.order", "dev.cleave.order.api",
                                          "dev.cleave.user.api", "dev.cleave.user.client"),
                contexts(ORDER), Map.of(USER_DIRECTORY, "dev.cleave.user.client"));

        assertEquals(List.of(), AssemblyRules.holdsOnlyTheContextsItRunsAndTheApisTheyCall(orderService));
        assertEquals(List.of(), AssemblyRules.everyRequiredApiIsBoundOnce(orderService));
    }

    private static final String USER_DIRECTORY = "dev.cleave.user.api.UserDirectory";
    private static final AssemblyFacts.RunContext USER = new AssemblyFacts.RunContext(
            "dev.cleave.user", Map.of(USER_DIRECTORY, "dev.cleave.user.api"), Map.of());
    private static final AssemblyFacts.RunContext ORDER = new AssemblyFacts.RunContext(
            "dev.cleave.order", Map.of("dev.cleave.order.api.OrderLookup", "dev.cleave.order.api"),
            Map.of(USER_DIRECTORY, "dev.cleave.user.api"));

    private static AssemblyFacts assembly(String name, Set<String> resolved, AssemblyFacts.RunContext... run) {
        return new AssemblyFacts(name, resolved, resolved, contexts(run), Map.of());
    }

    private static Map<String, AssemblyFacts.RunContext> contexts(AssemblyFacts.RunContext... run) {
        return java.util.Arrays.stream(run).collect(Collectors.toMap(AssemblyFacts.RunContext::module, c -> c));
    }

    private static void assertReports(List<String> violations, String expected) {
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)),
                   () -> "expected a violation containing '" + expected + "', got " + violations);
    }

    private static Map<String, ModuleDescriptor> modulesOf(ModuleDescriptor... descriptors) {
        return java.util.Arrays.stream(descriptors).collect(Collectors.toMap(ModuleDescriptor::name, d -> d));
    }

    private static ModuleFinder finderOf(ModuleDescriptor... descriptors) {
        Map<String, ModuleReference> references = java.util.Arrays.stream(descriptors)
                .collect(Collectors.toMap(ModuleDescriptor::name, ModuleRulesBiteTest::reference));
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return Optional.ofNullable(references.get(name));
            }

            @Override
            public Set<ModuleReference> findAll() {
                return Set.copyOf(references.values());
            }
        };
    }

    private static ModuleReference reference(ModuleDescriptor descriptor) {
        return new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
                throw new UnsupportedOperationException("a fixture module has no content");
            }
        };
    }
}
