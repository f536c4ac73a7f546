package dev.cleave.architecture;

import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * How a class's package places it in the architecture. Every package is {@code dev.cleave.<part>...}; a part that
 * is not one of the shared ones below is a bounded context. Inside a context, {@code api} is its contract,
 * {@code client} its HTTP client for other processes, and everything else is internal.
 */
final class Contexts {
    static final String ROOT = "dev.cleave";
    /** Top-level parts that are not contexts. */
    static final Set<String> SHARED = Set.of("platform", "app", "architecture", "contract");

    private Contexts() {
    }

    /** The context a package belongs to, if any. */
    static Optional<String> contextOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length() + 1);
        String part = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        return SHARED.contains(part) ? Optional.empty() : Optional.of(part);
    }

    static Optional<String> contextOf(JavaClass javaClass) {
        return contextOf(javaClass.getPackageName());
    }

    /** Whether the package is a context's contract: {@code dev.cleave.<context>.api} or below. */
    static boolean isApi(String packageName) {
        return contextOf(packageName).map(context -> isUnder(packageName, context, "api")).orElse(false);
    }

    /** Whether the package is a context's HTTP client: {@code dev.cleave.<context>.client} or below. */
    static boolean isClient(String packageName) {
        return contextOf(packageName).map(context -> isUnder(packageName, context, "client")).orElse(false);
    }

    /** Whether the package is a context's internals: neither its API nor its client. */
    static boolean isInternal(String packageName) {
        return contextOf(packageName).isPresent() && !isApi(packageName) && !isClient(packageName);
    }

    private static boolean isUnder(String packageName, String context, String part) {
        String base = ROOT + "." + context + "." + part;
        return packageName.equals(base) || packageName.startsWith(base + ".");
    }

    static DescribedPredicate<JavaClass> internalToAContext() {
        return DescribedPredicate.describe("are internal to a context", c -> isInternal(c.getPackageName()));
    }

    static DescribedPredicate<JavaClass> inAContext() {
        return DescribedPredicate.describe("are in a context", c -> contextOf(c).isPresent());
    }

    static DescribedPredicate<JavaClass> inAContextButNotItsClient() {
        return DescribedPredicate.describe("are in a context but not its HTTP client",
                                           c -> contextOf(c).isPresent() && !isClient(c.getPackageName()));
    }

    static DescribedPredicate<JavaClass> inAnApi() {
        return DescribedPredicate.describe("are in an API package", c -> isApi(c.getPackageName())
                                                                     || isPlatformApi(c.getPackageName()));
    }

    /** The root package of the API a package belongs to: {@code dev.cleave.<context>.api} or the platform's. */
    static String apiRootOf(String packageName) {
        return isPlatformApi(packageName)
                ? ROOT + ".platform.api"
                : ROOT + "." + contextOf(packageName).orElseThrow() + ".api";
    }

    static boolean isPlatformApi(String packageName) {
        return packageName.equals(ROOT + ".platform.api") || packageName.startsWith(ROOT + ".platform.api.");
    }
}
