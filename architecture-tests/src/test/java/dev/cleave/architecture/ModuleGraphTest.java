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
        List<String> shipped = Reactor.javaModules().stream().map(Reactor.JavaModule::name)
                .filter(name -> !name.equals(Reactor.TEST_FIXTURES)).toList();
        assertTrue(modules.keySet().containsAll(shipped),
                   () -> "reactor modules on no assembly's module path: " + shipped + " vs " + modules.keySet());

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
    void noContextModuleReadsTheAuthModule() {
        List<String> violations = ModuleChecks.noContextModuleReadsTheAuthModule(Modules.cleaveModules());

        assertEquals(List.of(), violations,
                     () -> "contexts reading the token verifier:\n  " + String.join("\n  ", violations));
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
    void everyAssemblyHoldsWhatItDeclaresAndBindsEveryApiItsContextsNeed() {
        List<String> violations = new ArrayList<>();
        for (String assembly : ProjectFiles.ASSEMBLIES) {
            violations.addAll(AssemblyRules.all(AssemblyFacts.of(assembly), Reactor.contextModules()));
        }
        assertEquals(List.of(), violations, () -> "assembly graphs wrong:\n  " + String.join("\n  ", violations));
    }

    @Test
    void theRulesSeeEveryAssemblyAndContextOfTheReactor() {
        assertTrue(ProjectFiles.ASSEMBLIES.contains(AssemblyRules.MONOLITH), ProjectFiles.ASSEMBLIES::toString);
        assertTrue(Reactor.contextModules().containsAll(List.of("dev.cleave.user", "dev.cleave.order")),
                   () -> "the reactor's contexts were not found: " + Reactor.contextModules());
    }
}
