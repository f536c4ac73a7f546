package dev.cleave.architecture;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cleave's boundary rules over the production classes of every module.
 */
@AnalyzeClasses(locations = ReactorClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {
    /** Fewer classes than this means the import is broken, and every rule would pass on nothing. */
    static final int MINIMUM_PRODUCTION_CLASSES = 60;

    @ArchTest
    static final ArchRule contexts_internals_are_used_by_that_context_only =
            CleaveRules.contexts_internals_are_used_by_that_context_only;

    @ArchTest
    static final ArchRule contexts_depend_on_each_other_only_through_apis =
            CleaveRules.contexts_depend_on_each_other_only_through_apis;

    @ArchTest
    static final ArchRule the_context_dependency_graph_has_no_cycles =
            CleaveRules.the_context_dependency_graph_has_no_cycles;

    @ArchTest
    static final ArchRule apis_depend_only_on_the_jdk_their_own_api_and_the_platform_api =
            CleaveRules.apis_depend_only_on_the_jdk_their_own_api_and_the_platform_api;

    @ArchTest
    static final ArchRule the_platform_depends_on_no_context = CleaveRules.the_platform_depends_on_no_context;

    @ArchTest
    static final ArchRule the_domain_depends_on_no_framework = CleaveRules.the_domain_depends_on_no_framework;

    @ArchTest
    static final ArchRule http_handlers_live_in_the_http_adapter =
            CleaveRules.http_handlers_live_in_the_http_adapter;

    @ArchTest
    static final ArchRule only_the_persistence_adapter_issues_sql =
            CleaveRules.only_the_persistence_adapter_issues_sql;

    @ArchTest
    static final ArchRule no_context_names_another_contexts_tables =
            CleaveRules.no_context_names_another_contexts_tables(ProjectFiles.root());

    @ArchTest
    static final ArchRule only_client_modules_talk_http_to_another_context =
            CleaveRules.only_client_modules_talk_http_to_another_context;

    @ArchTest
    static void enough_production_classes_are_imported(JavaClasses classes) {
        assertTrue(classes.size() >= MINIMUM_PRODUCTION_CLASSES,
                   "only " + classes.size() + " production classes were imported; expected at least "
                   + MINIMUM_PRODUCTION_CLASSES + ", so the rules would judge almost nothing");
    }

    @ArchTest
    static void every_module_of_the_reactor_is_imported(JavaClasses classes) {
        List<String> modules = Reactor.javaModules().stream().map(Reactor.JavaModule::name).toList();
        assertTrue(modules.containsAll(List.of("dev.cleave.user", "dev.cleave.order", "dev.cleave.platform.spi")),
                   () -> "the reactor's modules were not found: " + modules);
        for (String module : modules) {
            assertTrue(classes.containPackage(module), "no class of " + module + " was imported");
        }
    }
}
