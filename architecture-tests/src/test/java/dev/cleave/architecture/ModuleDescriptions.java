package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A module descriptor as reviewable text: what it requires, exports, opens, uses and provides, one directive a
 * line, sorted, like {@code jar --describe-module} without the noise.
 */
final class ModuleDescriptions {
    private ModuleDescriptions() {
    }

    static String describe(ModuleDescriptor module) {
        List<String> lines = new ArrayList<>();
        lines.add((module.isOpen() ? "open module " : "module ") + module.name());
        module.requires().stream()
                .filter(requires -> !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.MANDATED))
                .map(requires -> "requires " + modifiers(requires.modifiers()) + requires.name())
                .sorted()
                .forEach(lines::add);
        module.exports().stream()
                .map(exports -> "exports " + exports.source() + targets(exports.targets()))
                .sorted()
                .forEach(lines::add);
        module.opens().stream()
                .map(opens -> "opens " + opens.source() + targets(opens.targets()))
                .sorted()
                .forEach(lines::add);
        module.uses().stream().sorted().map(service -> "uses " + service).forEach(lines::add);
        module.provides().stream()
                .map(provides -> "provides " + provides.service() + " with "
                                 + provides.providers().stream().sorted().collect(Collectors.joining(", ")))
                .sorted()
                .forEach(lines::add);
        return String.join("\n", lines) + "\n";
    }

    private static String modifiers(java.util.Set<ModuleDescriptor.Requires.Modifier> modifiers) {
        return modifiers.stream()
                .filter(modifier -> modifier != ModuleDescriptor.Requires.Modifier.SYNTHETIC)
                .map(modifier -> modifier.name().toLowerCase(java.util.Locale.ROOT) + " ")
                .sorted()
                .collect(Collectors.joining());
    }

    private static String targets(java.util.Set<String> targets) {
        return targets.isEmpty() ? "" : " to " + targets.stream().sorted().collect(Collectors.joining(", "));
    }
}
