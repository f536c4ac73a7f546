package dev.cleave.order.wiring;

import java.time.Instant;
import java.util.Currency;
import java.util.Map;

import dev.cleave.platform.spi.InvalidSettingException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The order API's version settings: sensible defaults, and a setting that cannot be used stops the start with a
 * message naming its variable.
 */
class ReadingTheApiVersionSettingsTest {

    @Test
    void withoutSettingsV1IsInEurosDeprecatedNowAndServedUntilTheEndOf2028() {
        OrderApiSettings settings = OrderApiSettings.from(Config.empty());

        assertEquals(Currency.getInstance("EUR"), settings.v1().currency());
        assertEquals(Instant.parse("2026-12-03T00:00:00Z"), settings.v1Deprecated().deprecatedAt());
        assertEquals(Instant.parse("2028-12-31T23:59:59Z"), settings.v1Deprecated().sunsetAt());
        assertEquals("/docs#/migrating-to-v2", settings.v1Deprecated().link());
        assertFalse(settings.v1Deprecated().goneAfterSunset());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            cleave.order.v1.currency          | JPY        | CLEAVE_ORDER_V1_CURRENCY must be a currency with cents (two minor digits), as v1 prices are cents; JPY has 0
            cleave.order.v1.currency          | euro       | CLEAVE_ORDER_V1_CURRENCY must be an ISO 4217 currency code such as EUR, not 'euro'
            cleave.order.v1.sunset            | 2028-12-31 | CLEAVE_ORDER_V1_SUNSET must be an RFC 3339 UTC time such as 2028-12-31T23:59:59Z, not '2028-12-31'
            cleave.order.v1.deprecation       | tomorrow   | CLEAVE_ORDER_V1_DEPRECATION must be an RFC 3339 UTC time such as 2026-12-03T00:00:00Z, not 'tomorrow'
            cleave.order.v1.sunset            | 2026-01-01T00:00:00Z | CLEAVE_ORDER_V1_DEPRECATION, _SUNSET and _DEPRECATION_LINK: the sunset of /v1/orders (2026-01-01T00:00:00Z) must be after its deprecation (2026-12-03T00:00:00Z)
            cleave.order.v1.deprecation-link  | <x>        | CLEAVE_ORDER_V1_DEPRECATION, _SUNSET and _DEPRECATION_LINK: the deprecation link of /v1/orders must be a URL, not '<x>'
            cleave.order.v1.gone-after-sunset | yes        | CLEAVE_ORDER_V1_GONE_AFTER_SUNSET must be true or false, not 'yes'
            """)
    void aSettingThatCannotBeUsedNamesItsVariable(String key, String value, String message) {
        Config config = Config.just(ConfigSources.create(Map.of(key, value)));

        assertEquals(message, assertThrows(InvalidSettingException.class, () -> OrderApiSettings.from(config))
                .getMessage());
    }

    @Test
    void anotherCurrencyWithCentsMayBeTheV1Currency() {
        Config config = Config.just(ConfigSources.create(Map.of("cleave.order.v1.currency", "USD")));

        assertEquals(Currency.getInstance("USD"), OrderApiSettings.from(config).v1().currency());
    }
}
