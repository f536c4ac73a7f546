package dev.cleave.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * Which Cleave modules a built module's classes actually use, read from the classes in its jar (every field,
 * signature, call and annotation ArchUnit sees), so the {@code requires} of its {@code module-info} can be held
 * against it.
 */
final class ModuleUsage {
    private ModuleUsage() {
    }

    /**
     * The Cleave modules, other than itself, whose packages the module's classes depend on.
     *
     * @param module  the built module
     * @param modules every Cleave module, for their packages
     */
    static Set<String> cleaveModulesUsedBy(ModuleReference module, Map<String, ModuleDescriptor> modules) {
        Map<String, String> owners = new HashMap<>();
        modules.values().forEach(descriptor -> descriptor.packages()
                .forEach(pkg -> owners.put(pkg, descriptor.name())));
        Set<String> used = new TreeSet<>();
        for (JavaClass javaClass : classesOf(module)) {
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                String owner = owners.get(dependency.getTargetClass().getBaseComponentType().getPackageName());
                if (owner != null && !owner.equals(module.descriptor().name())) {
                    used.add(owner);
                }
            }
        }
        return used;
    }

    private static Iterable<JavaClass> classesOf(ModuleReference module) {
        Path jar = Path.of(module.location().orElseThrow());
        try (JarFile file = new JarFile(jar.toFile())) {
            return new ClassFileImporter().importJar(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
