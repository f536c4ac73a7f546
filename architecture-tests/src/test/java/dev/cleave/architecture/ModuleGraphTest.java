package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built modules and assemblies, as the JVM sees them: what each module exports and opens, and what each
 * assembly resolves.
 */
class ModuleGraphTest {

    @Test
    void everyCleaveModuleFollowsTheModuleRules() {
        Map<String, ModuleDescriptor> modules = Modules.cleaveModules();
        assertTrue(modules.keySet().containsAll(List.of("dev.cleave.platform.api", "dev.cleave.platform.spi",
                                                        "dev.cleave.platform.web", "dev.cleave.platform.persistence",
                                                        "dev.cleave.platform.launch", "dev.cleave.user",
                                                        "dev.cleave.user.api", "dev.cleave.order",
                                                        "dev.cleave.order.api")),
                   () -> "modules missing from the assemblies: " + modules.keySet());

        List<String> violations = new ArrayList<>();
        modules.values().forEach(module -> violations.addAll(ModuleChecks.all(module)));
        assertEquals(List.of(), violations, () -> "module rules broken:\n  " + String.join("\n  ", violations));
    }

    @Test
    void noContextModuleReadsTheLaunchModule() {
        List<String> violations = ModuleChecks.noContextModuleReadsTheLaunchModule(Modules.cleaveModules());

        assertEquals(List.of(), violations,
                     () -> "contexts reading the launcher:\n  " + String.join("\n  ", violations));
    }

    @Test
    void everyModuleNamesExactlyThePlatformModulesItUses() {
        Map<String, ModuleDescriptor> modules = Modules.cleaveModules();
        List<String> violations = new ArrayList<>();
        Modules.cleaveModuleReferences().values().forEach(reference -> violations.addAll(
                ModuleChecks.namesExactlyThePlatformModulesItUses(
                        reference.descriptor(), ModuleUsage.cleaveModulesUsedBy(reference, modules), modules)));

        assertEquals(List.of(), violations,
                     () -> "platform modules misnamed:\n  " + String.join("\n  ", violations));
    }

    @Test
    void eachAssemblyResolvesExactlyTheContextsItShould() {
        List<String> violations = new ArrayList<>();
        for (AssemblyGraphs.Expectation expectation : AssemblyGraphs.EXPECTATIONS) {
            violations.addAll(expectation.violations(Modules.resolvedModules(expectation.assembly())));
        }
        assertEquals(List.of(), violations, () -> "assembly graphs wrong:\n  " + String.join("\n  ", violations));
    }

    @Test
    void everyAssemblyHasAnExpectation() {
        assertEquals(ProjectFiles.ASSEMBLIES,
                     AssemblyGraphs.EXPECTATIONS.stream().map(AssemblyGraphs.Expectation::assembly).toList());
    }
}
