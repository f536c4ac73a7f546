package dev.cleave.architecture;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The module only assemblies may read: a context that could reach the launcher could start or rewire others. */
    static final String LAUNCH_MODULE = Contexts.ROOT + ".platform.launch";
    /**
     * The module that verifies tokens: a context's use cases see a {@code Caller}, never a token, so none may read
     * it; the assembly's filter authenticates every request before any context sees it.
     */
    static final String AUTH_MODULE = Contexts.ROOT + ".platform.auth";
    /** Every platform module's name starts with this. */
    static final String PLATFORM_PREFIX = Contexts.ROOT + ".platform.";

    /**
     * Only assemblies read the launch module: no context module requires it, directly or through a module that
     * {@code requires transitive} it.
     */
    static List<String> noContextModuleReadsTheLaunchModule(Map<String, ModuleDescriptor> modules) {
        return noContextModuleReads(LAUNCH_MODULE, modules,
                                    "only assemblies may; a context names the platform modules it uses (spi, web, "
                                    + "persistence)");
    }

    /**
     * No context module (its API, its implementation or its remote client) reads the auth module, directly or
     * through a module that {@code requires transitive} it: use cases take a {@code Caller}, a client sends the
     * {@code ServiceCredentials} the launcher hands it.
     */
    static List<String> noContextModuleReadsTheAuthModule(Map<String, ModuleDescriptor> modules) {
        return noContextModuleReads(AUTH_MODULE, modules,
                                    "a context sees a Caller (platform-api), never a token; only assemblies verify "
                                    + "tokens");
    }

    private static List<String> noContextModuleReads(String forbidden, Map<String, ModuleDescriptor> modules,
                                                     String why) {
        List<String> violations = new ArrayList<>();
        for (ModuleDescriptor module : modules.values()) {
            if (Contexts.contextOf(module.name()).isPresent() && reads(module, modules).contains(forbidden)) {
                violations.add(module.name() + " reads " + forbidden + ": " + why);
            }
        }
        return violations;
    }

    /**
     * A module outside the platform names exactly the platform modules its classes use, so the module picture says
     * which context uses what: none it does not use, and none it only reaches through another's
     * {@code requires transitive}. A platform module that exports nothing (a transport) is required only to be on
     * the module graph, so requiring it unused is no mistake.
     *
     * @param module  the module
     * @param used    the Cleave modules its classes depend on
     * @param modules every Cleave module, by name
     */
    static List<String> namesExactlyThePlatformModulesItUses(ModuleDescriptor module, Set<String> used,
                                                             Map<String, ModuleDescriptor> modules) {
        if (module.name().startsWith(PLATFORM_PREFIX)) {
            return List.of();
        }
        Set<String> named = module.requires().stream()
                .map(Requires::name)
                .filter(name -> name.startsWith(PLATFORM_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> violations = new ArrayList<>();
        new TreeSet<>(used).stream()
                .filter(name -> name.startsWith(PLATFORM_PREFIX) && !named.contains(name))
                .forEach(name -> violations.add(module.name() + " uses " + name
                                                + " but does not name it in its module-info (requires " + name + ")"));
        named.stream()
                .filter(name -> !used.contains(name) && exportsSomething(modules.get(name)))
                .forEach(name -> violations.add(module.name() + " requires " + name
                                                + " but none of its classes uses it"));
        return violations;
    }

    private static boolean exportsSomething(ModuleDescriptor module) {
        return module == null || !module.exports().isEmpty();
    }

    /** The modules a module reads: those it requires, and what they require transitively, all the way down. */
    static Set<String> reads(ModuleDescriptor module, Map<String, ModuleDescriptor> modules) {
        Set<String> reads = new TreeSet<>();
        List<String> pending = new ArrayList<>();
        module.requires().forEach(requires -> pending.add(requires.name()));
        while (!pending.isEmpty()) {
            String name = pending.removeLast();
            if (reads.add(name) && modules.containsKey(name)) {
                modules.get(name).requires().stream()
                        .filter(requires -> requires.modifiers().contains(Requires.Modifier.TRANSITIVE))
                        .forEach(requires -> pending.add(requires.name()));
            }
        }
        return reads;
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
