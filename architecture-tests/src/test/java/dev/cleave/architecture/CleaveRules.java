package dev.cleave.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Cleave's boundary rules, as sentences. Each says in one line why it matters; {@code RulesBiteTest} proves each
 * one reports a violation.
 */
final class CleaveRules {
    private CleaveRules() {
    }

    /** A context's internals may change at any time; only its API is a promise to other contexts. */
    static final ArchRule contexts_internals_are_used_by_that_context_only =
            classes().that(Contexts.internalToAContext())
                    .should(onlyBeUsedByTheirOwnContext())
                    .as("a context's internal packages are used by that context only");

    /** Contexts that reach past each other's API cannot be split into services, nor changed alone. */
    static final ArchRule contexts_depend_on_each_other_only_through_apis =
            classes().that(Contexts.inAContext())
                    .should(reachOtherContextsOnlyThroughTheirApis())
                    .as("contexts depend on each other only through API packages");

    /** A cycle between contexts means neither can be deployed, tested or understood without the other. */
    static final ArchRule the_context_dependency_graph_has_no_cycles =
            slices().matching("dev.cleave.(*)..")
                    .should().beFreeOfCycles()
                    .as("the context dependency graph has no cycles");

    /** A contract that drags in a framework forces it on every caller, remote clients included. */
    static final ArchRule apis_depend_only_on_the_jdk_their_own_api_and_the_platform_api =
            classes().that(Contexts.inAnApi())
                    .should(onlyDependOnTheJdkTheirOwnApiOrThePlatformApi())
                    .as("API packages depend on nothing but the JDK, their own API and the platform's API");

    /** The shared kernel must not know any context, or every context would depend on every other. */
    static final ArchRule the_platform_depends_on_no_context =
            noClasses().that().resideInAPackage("dev.cleave.platform..")
                    .should().dependOnClassesThat(Contexts.inAContext())
                    .as("the platform depends on no context");

    /** The domain is the part that outlives frameworks; it must be testable without a server or a database. */
    static final ArchRule the_domain_depends_on_no_framework =
            noClasses().that().resideInAPackage("dev.cleave.*.domain..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "io.helidon..", "java.sql..", "javax.sql..", "com.fasterxml.jackson..",
                            "com.zaxxer..", "org.flywaydb..", "java.net.http..",
                            "dev.cleave.platform.web..", "dev.cleave.platform.persistence..",
                            "dev.cleave.platform.launch..", "dev.cleave.platform.spi..")
                    .as("inside a context, the domain depends on no framework (no Helidon, JDBC or Jackson)");

    /** HTTP is an adapter: keeping it in one package keeps the domain free of it and the API easy to find. */
    static final ArchRule http_handlers_live_in_the_http_adapter =
            noClasses().that(Contexts.inAContext())
                    .and().resideOutsideOfPackages("dev.cleave.*.adapter.http..", "dev.cleave.*.wiring..",
                                                   "dev.cleave.*.client..")
                    .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.http..")
                    .as("inside a context, HTTP handlers live in its adapter.http package");

    /** SQL is an adapter: a context's tables are read and written in one place, and nowhere else. */
    static final ArchRule only_the_persistence_adapter_issues_sql =
            noClasses().that(Contexts.inAContext())
                    .and().resideOutsideOfPackage("dev.cleave.*.adapter.persistence..")
                    .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                    .as("inside a context, nothing but its persistence adapter issues SQL");

    /** Each context owns its tables; reading another's would couple their schemas and break the split. */
    static ArchRule no_context_names_another_contexts_tables(Path root) {
        ContextTables tables = ContextTables.read(root);
        return classes().that(Contexts.inAContext())
                .should(nameOnlyTheirOwnTables(tables))
                .as("no context's SQL names another context's tables");
    }

    /** Calls between processes belong in a client module with timeouts and retries, not scattered in a context. */
    static final ArchRule only_client_modules_talk_http_to_another_context =
            noClasses().that(Contexts.inAContextButNotItsClient())
                    .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.helidon.webclient..")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URL")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URI")
                    .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                    .as("only a client module talks HTTP to another context; a context never builds URLs");

    private static ArchCondition<JavaClass> onlyBeUsedByTheirOwnContext() {
        return new ArchCondition<>("only be used by their own context") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                String context = Contexts.contextOf(target).orElseThrow();
                for (Dependency dependency : target.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    boolean sameContextInternals = Contexts.isInternal(origin.getPackageName())
                                                   && Contexts.contextOf(origin).orElseThrow().equals(context);
                    if (!sameContextInternals) {
                        events.add(SimpleConditionEvent.violated(dependency, origin.getName()
                                + " uses " + target.getName() + ", internal to context '" + context + "': "
                                + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> reachOtherContextsOnlyThroughTheirApis() {
        return new ArchCondition<>("reach other contexts only through their APIs") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String context = Contexts.contextOf(origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String targetPackage = dependency.getTargetClass().getPackageName();
                    var targetContext = Contexts.contextOf(targetPackage);
                    if (targetContext.isPresent() && !targetContext.get().equals(context)
                        && !Contexts.isApi(targetPackage)) {
                        events.add(SimpleConditionEvent.violated(dependency, origin.getName() + " reaches into "
                                + "context '" + targetContext.get() + "' past its API: "
                                + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> onlyDependOnTheJdkTheirOwnApiOrThePlatformApi() {
        return new ArchCondition<>("only depend on the JDK, their own API or the platform's API") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String ownApi = Contexts.apiRootOf(origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    String pkg = target.getPackageName();
                    boolean allowed = pkg.startsWith("java.") || target.isPrimitive() || target.isArray()
                                      && target.getBaseComponentType().getPackageName().startsWith("java.")
                                      || pkg.equals(ownApi) || pkg.startsWith(ownApi + ".")
                                      || Contexts.isPlatformApi(pkg);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, origin.getName()
                                + " is a contract but depends on " + target.getName() + ": "
                                + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> nameOnlyTheirOwnTables(ContextTables tables) {
        return new ArchCondition<>("name only their own context's tables in SQL") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String context = Contexts.contextOf(origin).orElseThrow();
                for (String literal : ClassConstants.stringLiterals(origin)) {
                    tables.foreignTablesIn(literal, context).forEach(table -> events.add(
                            SimpleConditionEvent.violated(origin, origin.getName() + " names table '"
                                    + table.getKey() + "' of context '" + table.getValue() + "' in SQL: \""
                                    + literal + "\"")));
                }
            }
        };
    }
}
