package dev.cleave.user.wiring;

import java.time.Clock;
import java.util.Map;

import dev.cleave.platform.spi.ApiDocument;
import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.testing.DocumentedRoutes;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.user.adapter.http.UserHttpService;
import dev.cleave.user.domain.UserService;
import org.junit.jupiter.api.Test;

import static org.mockito.Mockito.mock;

/**
 * The user context's OpenAPI document and its HTTP routes are the same set: a route added in code but not in the
 * document, or an operation documented but not served, fails here.
 */
class TheUserDocumentDescribesEveryRouteTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() {
        UserHttpService http = new UserHttpService(mock(UserService.class),
                                                   Idempotency.create(mock(IdempotencyStore.class),
                                                                      Clock.systemUTC()));

        DocumentedRoutes.assertDescribe(new UserContextProvider().apiDocuments().stream().map(ApiDocument::yaml)
                                                .toList(),
                                        Map.of(UserHttpService.PATH, http));
    }
}
