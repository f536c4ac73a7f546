package dev.cleave.architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What each assembly's resolved module graph must and must not hold. This is what makes a topology real: a split
 * service that resolves another context's implementation is not split at all.
 */
final class AssemblyGraphs {
    /**
     * One assembly's expectation.
     *
     * @param assembly  the assembly
     * @param required  modules its graph must hold
     * @param forbidden modules its graph must not hold; a name ending in {@code .*} forbids that name and all below
     */
    record Expectation(String assembly, Set<String> required, Set<String> forbidden) {
        List<String> violations(Set<String> resolved) {
            List<String> violations = new ArrayList<>();
            for (String module : required) {
                if (!resolved.contains(module)) {
                    violations.add("app-" + assembly + " does not resolve " + module + ", which it must run");
                }
            }
            for (String module : resolved) {
                for (String pattern : forbidden) {
                    if (matches(module, pattern)) {
                        violations.add("app-" + assembly + " resolves " + module + ", which must not be in its "
                                       + "module graph (forbidden: " + pattern + ")");
                    }
                }
            }
            return violations;
        }

        private static boolean matches(String module, String pattern) {
            if (pattern.endsWith(".*")) {
                String base = pattern.substring(0, pattern.length() - 2);
                return module.equals(base) || module.startsWith(base + ".");
            }
            return module.equals(pattern);
        }
    }

    static final List<Expectation> EXPECTATIONS = List.of(
            new Expectation("monolith",
                            Set.of("dev.cleave.platform.launch", "dev.cleave.user", "dev.cleave.user.api",
                                   "dev.cleave.order", "dev.cleave.order.api"),
                            Set.of("dev.cleave.user.client", "dev.cleave.platform.amqp")),
            new Expectation("order",
                            Set.of("dev.cleave.platform.launch", "dev.cleave.platform.amqp", "dev.cleave.order",
                                   "dev.cleave.order.api", "dev.cleave.user.api", "dev.cleave.user.client"),
                            Set.of("dev.cleave.user")),
            new Expectation("user",
                            Set.of("dev.cleave.platform.launch", "dev.cleave.platform.amqp", "dev.cleave.user",
                                   "dev.cleave.user.api"),
                            Set.of("dev.cleave.order.*")));

    private AssemblyGraphs() {
    }
}
