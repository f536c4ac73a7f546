package dev.cleave.platform.amqp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code cleave.events} configuration: defaults for a local broker, credentials kept out of logs, and the
 * virtual host an everyday URL means.
 */
class ReadingTheBrokerSettingsTest {

    @Test
    void withoutConfigurationTheLocalBrokerAndTheCleaveNamespaceAreUsed() {
        AmqpSettings settings = AmqpSettings.from(Config.empty());

        assertEquals(URI.create("amqp://guest:guest@127.0.0.1:5672/"), settings.url());
        assertEquals("cleave", settings.namespace());
        assertEquals(5, settings.maxAttempts());
        assertEquals(Duration.ofSeconds(5), settings.confirmTimeout());
    }

    @Test
    void theBrokerAddressShownInLogsAndHealthCarriesNoPassword() {
        AmqpSettings settings = AmqpSettings.from(events(Map.of("amqp.url", "amqp://svc:s3cret@rabbit:5672/prod")));

        assertEquals("amqp://rabbit:5672/prod", settings.safeUrl());
    }

    @Test
    void aUrlEndingInASlashMeansTheDefaultVirtualHost() {
        assertEquals("/", virtualHost("amqp://guest:guest@127.0.0.1:5672/"));
        assertEquals("/", virtualHost("amqp://guest:guest@127.0.0.1:5672"));
        assertEquals("/", virtualHost("amqp://guest:guest@127.0.0.1:5672/%2F"));
        assertEquals("prod", virtualHost("amqp://guest:guest@127.0.0.1:5672/prod"));
    }

    @Test
    void everyNameStartsWithTheNamespace() {
        Topology topology = new Topology("shop");

        assertEquals("shop.user.events", topology.exchange("user"));
        assertEquals("shop.user.unrouted", topology.stream("user"));
        assertEquals("shop.order.from-user", topology.queue("order", "user"));
        assertEquals("shop.dead-letters", topology.deadLetterExchange());
        assertEquals("shop.order.from-user.dead-letters", topology.deadLetterQueue("shop.order.from-user"));
    }

    private static String virtualHost(String url) {
        return AmqpTransport.connectionFactory(AmqpSettings.from(events(Map.of("amqp.url", url)))).getVirtualHost();
    }

    private static Config events(Map<String, String> values) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
    }
}
