package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Cleave's {@code module-info} files must say, checked on the compiled descriptors (ArchUnit cannot read them).
 * Each check returns the violations it finds, each naming the module, the directive and why it is wrong.
 */
final class ModuleChecks {
    private ModuleChecks() {
    }

    /** Every check, for one module. */
    static List<String> all(ModuleDescriptor module) {
        List<String> violations = new ArrayList<>();
        violations.addAll(notOpen(module));
        violations.addAll(packagesStartWithTheModuleName(module));
        violations.addAll(implementationExportsNothing(module));
        violations.addAll(apiExportsOnlyItsApi(module));
        violations.addAll(noQualifiedExportOrOpensToAnotherContext(module));
        return violations;
    }

    /** An open module gives every framework deep reflection into all its packages. */
    static List<String> notOpen(ModuleDescriptor module) {
        return module.isOpen()
                ? List.of(module.name() + " is an open module: open only what a framework needs, to it alone")
                : List.of();
    }

    /** One name, three places: artifact, module and package names line up. */
    static List<String> packagesStartWithTheModuleName(ModuleDescriptor module) {
        List<String> violations = new ArrayList<>();
        for (String pkg : new TreeSet<>(module.packages())) {
            if (!pkg.equals(module.name()) && !pkg.startsWith(module.name() + ".")) {
                violations.add(module.name() + " contains package " + pkg + ", which does not start with its name");
            }
        }
        return violations;
    }

    /** A context's implementation module is started through the SPI; nobody may link against its internals. */
    static List<String> implementationExportsNothing(ModuleDescriptor module) {
        if (!isContextImplementation(module.name())) {
            return List.of();
        }
        return module.exports().stream()
                .map(export -> module.name() + " exports " + export.source()
                               + ": a context's implementation module exports nothing; put the contract in "
                               + module.name() + ".api")
                .toList();
    }

    /** An API module exports its contract and nothing else. */
    static List<String> apiExportsOnlyItsApi(ModuleDescriptor module) {
        if (!module.name().endsWith(".api") || Contexts.contextOf(module.name()).isEmpty()) {
            return List.of();
        }
        return module.exports().stream()
                .filter(export -> !export.source().equals(module.name())
                                  && !export.source().startsWith(module.name() + "."))
                .map(export -> module.name() + " exports " + export.source() + ", which is not an API package")
                .toList();
    }

    /** A friend export between contexts is a hidden dependency the compiler would otherwise have refused. */
    static List<String> noQualifiedExportOrOpensToAnotherContext(ModuleDescriptor module) {
        List<String> violations = new ArrayList<>();
        var ownContext = Contexts.contextOf(module.name());
        module.exports().stream().filter(ModuleDescriptor.Exports::isQualified).forEach(export ->
                friendsIn(export.targets(), ownContext.orElse("")).forEach(target -> violations.add(
                        module.name() + " exports " + export.source() + " to " + target
                        + ": contexts meet only through API modules")));
        module.opens().stream().filter(ModuleDescriptor.Opens::isQualified).forEach(opens ->
                friendsIn(opens.targets(), ownContext.orElse("")).forEach(target -> violations.add(
                        module.name() + " opens " + opens.source() + " to " + target
                        + ": contexts meet only through API modules")));
        return violations;
    }

    static boolean isContextImplementation(String moduleName) {
        var context = Contexts.contextOf(moduleName);
        return context.isPresent() && moduleName.equals(Contexts.ROOT + "." + context.get());
    }

    // Cleave modules of another context (a context's own modules may share with each other).
    private static List<String> friendsIn(Set<String> targets, String ownContext) {
        return targets.stream()
                .filter(target -> target.startsWith(Contexts.ROOT + "."))
                .filter(target -> !Contexts.contextOf(target).orElse("").equals(ownContext)
                                  || Contexts.contextOf(target).isEmpty())
                .sorted()
                .toList();
    }
}
