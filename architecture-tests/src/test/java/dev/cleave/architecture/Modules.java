package dev.cleave.architecture;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The built modules, read with {@link ModuleFinder} from the assemblies' module paths, and each assembly's
 * resolved module graph, as the JVM would resolve it for {@code java -p <path> -m <main module>}.
 */
final class Modules {
    private Modules() {
    }

    /** Every Cleave module found on any assembly's module path, by name. */
    static Map<String, ModuleDescriptor> cleaveModules() {
        Map<String, ModuleDescriptor> modules = new TreeMap<>();
        cleaveModuleReferences().forEach((name, reference) -> modules.put(name, reference.descriptor()));
        return modules;
    }

    /** Every Cleave module found on any assembly's module path, with where its jar is, by name. */
    static Map<String, ModuleReference> cleaveModuleReferences() {
        Map<String, ModuleReference> modules = new TreeMap<>();
        for (String assembly : ProjectFiles.ASSEMBLIES) {
            ModuleFinder.of(ProjectFiles.modulePath(assembly)).findAll().stream()
                    .filter(reference -> reference.descriptor().name().startsWith(Contexts.ROOT + "."))
                    .forEach(reference -> modules.putIfAbsent(reference.descriptor().name(), reference));
        }
        return modules;
    }

    /** The modules the JVM resolves for an assembly, with service binding (so every provider found counts). */
    static Set<String> resolvedModules(String assembly) {
        return resolve(ModuleFinder.of(ProjectFiles.modulePath(assembly)), ProjectFiles.mainModule(assembly));
    }

    /** The Cleave modules on an assembly's module path, resolved or not. */
    static Set<String> cleaveModulesOnThePath(Path modulePath) {
        return ModuleFinder.of(modulePath).findAll().stream()
                .map(reference -> reference.descriptor().name())
                .filter(name -> name.startsWith(Contexts.ROOT + "."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The modules the main module's {@code requires} bring, without the providers service binding would add. */
    static Set<String> resolveWithoutBinding(ModuleFinder finder, String root) {
        Configuration configuration = Configuration.resolve(
                finder, java.util.List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), Set.of(root));
        return configuration.modules().stream()
                .map(ResolvedModule::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> resolve(ModuleFinder finder, String root) {
        Configuration configuration = Configuration.resolveAndBind(
                finder, java.util.List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), Set.of(root));
        return configuration.modules().stream()
                .map(ResolvedModule::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
