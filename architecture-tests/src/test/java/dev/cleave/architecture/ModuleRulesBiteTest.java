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
    void anImplementationModuleExportingAnInternalPackageIsReported() {
        ModuleDescriptor user = ModuleDescriptor.newModule("dev.cleave.user")
                .packages(Set.of("dev.cleave.user.domain"))
                .exports("dev.cleave.user.domain")
                .build();

        assertReports(ModuleChecks.implementationExportsNothing(user), "dev.cleave.user exports dev.cleave.user.domain");
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
    void aUserServiceThatPullsInTheOrderContextIsReported() {
        // app-user's module path by mistake also holds the order context: service binding resolves it.
        ModuleFinder finder = finderOf(
                ModuleDescriptor.newModule("dev.cleave.platform.spi").packages(Set.of("dev.cleave.platform.spi"))
                        .exports("dev.cleave.platform.spi").uses("dev.cleave.platform.spi.ContextProvider").build(),
                ModuleDescriptor.newModule("dev.cleave.app.user").requires("dev.cleave.platform.spi").build(),
                ModuleDescriptor.newModule("dev.cleave.user").requires("dev.cleave.platform.spi")
                        .packages(Set.of("dev.cleave.user.wiring"))
                        .provides("dev.cleave.platform.spi.ContextProvider", List.of("dev.cleave.user.wiring.P"))
                        .build(),
                ModuleDescriptor.newModule("dev.cleave.order").requires("dev.cleave.platform.spi")
                        .packages(Set.of("dev.cleave.order.wiring"))
                        .provides("dev.cleave.platform.spi.ContextProvider", List.of("dev.cleave.order.wiring.P"))
                        .build());
        AssemblyGraphs.Expectation userService = AssemblyGraphs.EXPECTATIONS.stream()
                .filter(expectation -> expectation.assembly().equals("user")).findFirst().orElseThrow();

        List<String> violations = userService.violations(Modules.resolve(finder, "dev.cleave.app.user"));
        assertReports(violations, "app-user resolves dev.cleave.order, which must not be in its module graph");
    }

    @Test
    void aMonolithMissingAContextIsReported() {
        AssemblyGraphs.Expectation monolith = AssemblyGraphs.EXPECTATIONS.stream()
                .filter(expectation -> expectation.assembly().equals("monolith")).findFirst().orElseThrow();

        assertReports(monolith.violations(Set.of("dev.cleave.app.monolith", "dev.cleave.platform.launch",
                                                 "dev.cleave.user", "dev.cleave.user.api")),
                      "app-monolith does not resolve dev.cleave.order");
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
