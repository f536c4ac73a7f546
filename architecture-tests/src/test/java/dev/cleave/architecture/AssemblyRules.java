package dev.cleave.architecture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every assembly's module graph must be, derived from what the assembly declares rather than listed per
 * assembly: a new context or assembly is checked the moment it exists. Each rule returns the violations it finds.
 */
final class AssemblyRules {
    /** The assembly that runs every context in one process. */
    static final String MONOLITH = "monolith";

    private AssemblyRules() {
    }

    /** Every rule, for one assembly. */
    static List<String> all(AssemblyFacts assembly, Collection<String> reactorContexts) {
        List<String> violations = new ArrayList<>();
        violations.addAll(nothingArrivesByServiceBindingAlone(assembly));
        violations.addAll(everyRequiredApiIsBoundOnce(assembly));
        violations.addAll(holdsOnlyTheContextsItRunsAndTheApisTheyCall(assembly));
        violations.addAll(theMonolithRunsEveryContext(assembly, reactorContexts));
        return violations;
    }

    /**
     * The topology is what the assembly's {@code module-info} says: a Cleave module that only service binding brings
     * in (a context whose jar happens to be on the path) would run there without anyone having asked for it.
     */
    static List<String> nothingArrivesByServiceBindingAlone(AssemblyFacts assembly) {
        List<String> violations = new ArrayList<>();
        for (String module : assembly.resolved()) {
            if (!assembly.declared().contains(module)) {
                violations.add("app-" + assembly.assembly() + " resolves " + module + " only through service binding;"
                               + " require it in its module-info if it should run there, else take it off its path");
            }
        }
        return violations;
    }

    /** Each API a running context requires is bound exactly once: in-process by a context here, or by a client. */
    static List<String> everyRequiredApiIsBoundOnce(AssemblyFacts assembly) {
        List<String> violations = new ArrayList<>();
        for (AssemblyFacts.RunContext context : assembly.contexts().values()) {
            for (String api : context.requires().keySet()) {
                boolean local = assembly.contexts().values().stream()
                        .anyMatch(other -> other.provides().containsKey(api));
                boolean remote = assembly.clients().containsKey(api);
                if (!local && !remote) {
                    violations.add("app-" + assembly.assembly() + " runs " + context.module() + ", which requires "
                                   + api + ", but no context there provides it and no client module for it is there");
                } else if (local && remote) {
                    violations.add("app-" + assembly.assembly() + " has both a context providing " + api
                                   + " and the remote client " + assembly.clients().get(api) + ": drop the client");
                }
            }
        }
        return violations;
    }

    /**
     * A context's modules are in an assembly only if it runs that context, or if a context it runs calls that
     * context's API: then the API module, and its client when no context there provides it.
     */
    static List<String> holdsOnlyTheContextsItRunsAndTheApisTheyCall(AssemblyFacts assembly) {
        Set<String> allowed = new TreeSet<>();
        for (AssemblyFacts.RunContext context : assembly.contexts().values()) {
            allowed.add(context.module());
            allowed.add(context.module() + ".api");
            allowed.addAll(context.requires().values());
            context.requires().keySet().stream().map(assembly.clients()::get)
                    .filter(java.util.Objects::nonNull).forEach(allowed::add);
        }
        List<String> violations = new ArrayList<>();
        for (String module : assembly.resolved()) {
            if (Contexts.contextOf(module).isPresent() && !allowed.contains(module)) {
                violations.add("app-" + assembly.assembly() + " resolves " + module + ", which belongs to no context"
                               + " it runs and to no API its contexts call");
            }
        }
        return violations;
    }

    /** The monolith is every context in one process: a context it does not run is a context never tested whole. */
    static List<String> theMonolithRunsEveryContext(AssemblyFacts assembly, Collection<String> reactorContexts) {
        if (!assembly.assembly().equals(MONOLITH)) {
            return List.of();
        }
        return reactorContexts.stream()
                .filter(context -> !assembly.contexts().containsKey(context))
                .map(context -> "app-" + MONOLITH + " does not run " + context + ": add it to its pom.xml and "
                                + "module-info (requires " + context + ")")
                .toList();
    }
}
