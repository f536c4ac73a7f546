package dev.cleave.order.wiring;

import java.time.Clock;
import java.util.Currency;
import java.util.Map;

import dev.cleave.order.adapter.http.OrderHttpService;
import dev.cleave.order.adapter.http.OrdersV1;
import dev.cleave.order.adapter.http.OrdersV2;
import dev.cleave.order.domain.OrderService;
import dev.cleave.platform.spi.ApiDocument;
import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.testing.DocumentedRoutes;
import dev.cleave.platform.web.Idempotency;
import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.mock;

/**
 * The order context's OpenAPI documents (v1 and v2) and its HTTP routes are the same set: a route added in code but
 * not in a document, or an operation documented but not served, fails here.
 */
class TheOrderDocumentsDescribeEveryRouteTest {

    @Test
    void everyRouteOfBothVersionsIsDocumentedAndEveryDocumentedOperationIsRouted() {
        OrderService orders = mock(OrderService.class);
        Idempotency idempotency = Idempotency.create(mock(IdempotencyStore.class), Clock.systemUTC());

        DocumentedRoutes.assertDescribe(new OrderContextProvider().apiDocuments().stream().map(ApiDocument::yaml)
                                                .toList(),
                                        Map.of(OrdersV1.PATH, new OrderHttpService(orders, idempotency,
                                                                                   new OrdersV1(Currency.getInstance(
                                                                                           "EUR"))),
                                               OrdersV2.PATH, new OrderHttpService(orders, idempotency,
                                                                                   new OrdersV2())));
    }
}
