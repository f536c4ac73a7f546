package dev.cleave.platform.web;

import java.time.Instant;
import java.util.List;

import io.helidon.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The three headers of a deprecated API version, in the formats their RFCs fix, and the settings that cannot make
 * them.
 */
class TellingADeprecatedApiTest {
    private static final Instant DEPRECATED = Instant.parse("2026-12-03T00:00:00Z");

    @Test
    void theHeadersAreUnixSecondsAnImfFixdateAndADeprecationLink() {
        DeprecatedApi api = new DeprecatedApi("/v1/orders", DEPRECATED, Instant.parse("2029-03-04T05:06:07Z"),
                                              "/docs#/migrating-to-v2", false, "/v2/orders");

        assertEquals(List.of("Deprecation: @1796256000",
                             // Two digits for the day, as RFC 9110's IMF-fixdate has it.
                             "Sunset: Sun, 04 Mar 2029 05:06:07 GMT",
                             "Link: </docs#/migrating-to-v2>; rel=\"deprecation\"; type=\"text/html\""),
                     api.headers().stream().map(TellingADeprecatedApiTest::text).toList());
    }

    @Test
    void aSunsetNotAfterTheDeprecationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DeprecatedApi(
                "/v1/orders", DEPRECATED, DEPRECATED, "/docs", false, "/v2/orders"));

        assertEquals("the sunset of /v1/orders (2026-12-03T00:00:00Z) must be after its deprecation "
                     + "(2026-12-03T00:00:00Z)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "<https://example.com>", "/docs\r\nSet-Cookie: a=b"})
    void aLinkThatWouldBreakTheHeaderIsRefused(String link) {
        assertThrows(IllegalArgumentException.class, () -> new DeprecatedApi(
                "/v1/orders", DEPRECATED, DEPRECATED.plusSeconds(1), link, false, "/v2/orders"));
    }

    private static String text(Header header) {
        return header.name() + ": " + header.get();
    }
}
