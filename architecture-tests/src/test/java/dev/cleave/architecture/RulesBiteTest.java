package dev.cleave.architecture;

import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.cleave.order.adapter.fixture.OrderUsingUserInternals;
import dev.cleave.order.adapter.http.fixture.HttpIssuingSql;
import dev.cleave.order.adapter.persistence.fixture.OrderReadingUserTable;
import dev.cleave.order.api.OrderLookup;
import dev.cleave.order.domain.OrderService;
import dev.cleave.order.domain.fixture.DomainCallingUserService;
import dev.cleave.order.domain.fixture.DomainServingHttp;
import dev.cleave.order.domain.fixture.DomainUsingJdbc;
import dev.cleave.order.domain.fixture.OrderNeedingShelves;
import dev.cleave.platform.fixture.PlatformKnowingShelves;
import dev.cleave.platform.fixture.PlatformKnowingUsers;
import dev.cleave.shelf.adapter.fixture.ShelfUsingUserInternals;
import dev.cleave.shelf.api.fixture.ShelfContractLeakingJackson;
import dev.cleave.shelf.api.fixture.Shelves;
import dev.cleave.shelf.domain.fixture.ShelfDomainUsingFrameworks;
import dev.cleave.shelf.domain.fixture.ShelfNeedingOrders;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.fixture.ContractLeakingJackson;
import dev.cleave.user.domain.UserService;
import dev.cleave.user.domain.fixture.UserNeedingOrders;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule reports a class that breaks it, naming the rule and the class: a rule that cannot fail is a defect.
 */
class RulesBiteTest {

    @Test
    void usingAnotherContextsInternalClassIsReported() {
        assertReports(CleaveRules.contexts_internals_are_used_by_that_context_only,
                      OrderUsingUserInternals.class, classes(OrderUsingUserInternals.class, UserService.class));
    }

    @Test
    void reachingIntoAnotherContextPastItsApiIsReported() {
        assertReports(CleaveRules.contexts_depend_on_each_other_only_through_apis,
                      OrderUsingUserInternals.class, classes(OrderUsingUserInternals.class, UserService.class));
    }

    @Test
    void aUserToOrderDependencyClosesACycleThatIsReported() {
        assertReports(CleaveRules.the_context_dependency_graph_has_no_cycles, UserNeedingOrders.class,
                      classes(UserNeedingOrders.class, OrderLookup.class, OrderService.class, UserDirectory.class));
    }

    @Test
    void aContractDependingOnAFrameworkIsReported() {
        assertReports(CleaveRules.apis_depend_only_on_the_jdk_their_own_api_and_the_platform_api,
                      ContractLeakingJackson.class, classes(ContractLeakingJackson.class));
    }

    @Test
    void thePlatformKnowingAContextIsReported() {
        assertReports(CleaveRules.the_platform_depends_on_no_context, PlatformKnowingUsers.class,
                      classes(PlatformKnowingUsers.class, UserDirectory.class));
    }

    @Test
    void aDomainUsingJdbcIsReported() {
        assertReports(CleaveRules.the_domain_depends_on_no_framework, DomainUsingJdbc.class,
                      classes(DomainUsingJdbc.class));
    }

    @Test
    void anHttpHandlerOutsideTheHttpAdapterIsReported() {
        assertReports(CleaveRules.http_handlers_live_in_the_http_adapter, DomainServingHttp.class,
                      classes(DomainServingHttp.class));
    }

    @Test
    void sqlOutsideThePersistenceAdapterIsReported() {
        assertReports(CleaveRules.only_the_persistence_adapter_issues_sql, HttpIssuingSql.class,
                      classes(HttpIssuingSql.class));
    }

    @Test
    void sqlNamingAnotherContextsTableIsReported() {
        ArchRule rule = CleaveRules.no_context_names_another_contexts_tables(ProjectFiles.root());
        String report = assertReports(rule, OrderReadingUserTable.class, classes(OrderReadingUserTable.class));
        assertTrue(report.contains("table 'users' of context 'user'"), report);
    }

    @Test
    void callingAnotherContextOverHttpFromAContextIsReported() {
        assertReports(CleaveRules.only_client_modules_talk_http_to_another_context, DomainCallingUserService.class,
                      classes(DomainCallingUserService.class));
    }

    @Test
    void theTableOwnersAreReadFromEachContextsMigrations() {
        Map<String, String> owners = ContextTables.read(ProjectFiles.root()).ownerByTable();
        assertTrue(owners.get("users").equals("user") && owners.get("orders").equals("order"), owners::toString);
    }

    /** A context no rule names: each rule is derived from package names, so it reports one made tomorrow. */
    @Test
    void everyRuleReportsAContextThatNoRuleNames() {
        JavaClasses shelf = classes(ShelfUsingUserInternals.class, UserService.class, ShelfNeedingOrders.class,
                                    OrderNeedingShelves.class, OrderLookup.class, Shelves.class,
                                    ShelfContractLeakingJackson.class, ShelfDomainUsingFrameworks.class,
                                    PlatformKnowingShelves.class);
        assertReports(CleaveRules.contexts_internals_are_used_by_that_context_only, ShelfUsingUserInternals.class,
                      shelf);
        assertReports(CleaveRules.contexts_depend_on_each_other_only_through_apis, ShelfUsingUserInternals.class,
                      shelf);
        assertReports(CleaveRules.the_context_dependency_graph_has_no_cycles, ShelfNeedingOrders.class, shelf);
        assertReports(CleaveRules.apis_depend_only_on_the_jdk_their_own_api_and_the_platform_api,
                      ShelfContractLeakingJackson.class, shelf);
        assertReports(CleaveRules.the_platform_depends_on_no_context, PlatformKnowingShelves.class, shelf);
        assertReports(CleaveRules.the_domain_depends_on_no_framework, ShelfDomainUsingFrameworks.class, shelf);
        assertReports(CleaveRules.http_handlers_live_in_the_http_adapter, ShelfDomainUsingFrameworks.class, shelf);
        assertReports(CleaveRules.only_the_persistence_adapter_issues_sql, ShelfDomainUsingFrameworks.class, shelf);
        assertReports(CleaveRules.no_context_names_another_contexts_tables(ProjectFiles.root()),
                      ShelfDomainUsingFrameworks.class, shelf);
        assertReports(CleaveRules.only_client_modules_talk_http_to_another_context, ShelfDomainUsingFrameworks.class,
                      shelf);
    }

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static String assertReports(ArchRule rule, Class<?> offender, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        String report = result.getFailureReport().toString();
        assertTrue(result.hasViolation(), () -> "rule did not bite: " + rule.getDescription());
        assertTrue(report.contains(rule.getDescription()), () -> "report does not name the rule: " + report);
        assertTrue(report.contains(offender.getName()), () -> "report does not name " + offender.getName()
                                                                + ": " + report);
        return report;
    }
}
