package dev.cleave.platform.launch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads an assembly's configuration. Highest priority first: the documented environment variables, then system
 * properties, then other environment variables in Helidon's mapping, then {@code application.yaml} on the module
 * path.
 *
 * <p>Documented variables: {@code PORT}, {@code HOST}, {@code ADMIN_PORT} and {@code ADMIN_HOST} (the admin socket,
 * off unless a port is set), {@code CLEAVE_DATA_DIR}, {@code CLEAVE_TRAINING_RUN},
 * {@code CLEAVE_SHUTDOWN_DRAIN} and {@code CLEAVE_SHUTDOWN_TIMEOUT} (milliseconds: how long a stopping assembly
 * serves with readiness down, and the bound of the whole stop),
 * {@code CLEAVE_AMQP_URL} and {@code CLEAVE_EVENTS_NAMESPACE} (the broker, and the prefix of its exchanges and queues);
 * {@code CLEAVE_<CONTEXT>_DB_URL}, {@code _USER}, {@code _PASSWORD}, {@code _POOL_SIZE}, {@code _CONNECTION_WAIT},
 * {@code _MAX_WAITING} (callers), {@code _STATEMENT_TIMEOUT}, {@code _IDLE_IN_TRANSACTION_TIMEOUT} (milliseconds)
 * for a context's database;
 * {@code <SERVICE>_SERVICE_URL} for where a remote context answers (e.g. {@code USER_SERVICE_URL});
 * {@code CLEAVE_AUTH_ISSUER}, {@code _AUDIENCE}, {@code _ROLES_CLAIM}, {@code _CLOCK_SKEW}, {@code _DEV},
 * {@code _DEV_KEY}, {@code _CLIENT_ID}, {@code _CLIENT_SECRET}, {@code _CLIENT_SECRET_FILE} for who may call (see
 * {@code dev.cleave.platform.auth.AuthSettings}), {@code CLEAVE_RATE_LIMIT} ({@code off} turns the limits off),
 * {@code CLEAVE_ACCESS_LOG} ({@code off}: no line per request), {@code CLEAVE_OBSERVE_PEERS} (base URLs of the
 * services whose topology this one's view shows, beside those it calls), {@code CLEAVE_METRICS} ({@code off}: no
 * meters and no {@code /observe/metrics}), and
 * {@code CLEAVE_ORDER_V1_CURRENCY}, {@code _DEPRECATION}, {@code _SUNSET}, {@code _DEPRECATION_LINK} and
 * {@code _GONE_AFTER_SUNSET} for the order API's version 1.
 */
final class Settings {
    /** Fixed environment variables and the configuration keys they set. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("PORT", "server.port"),
            Map.entry("HOST", "server.host"),
            Map.entry("CLEAVE_DATA_DIR", "cleave.data-dir"),
            Map.entry("CLEAVE_TRAINING_RUN", "cleave.training-run"),
            Map.entry("CLEAVE_AMQP_URL", "cleave.events.amqp.url"),
            Map.entry("CLEAVE_EVENTS_NAMESPACE", "cleave.events.namespace"),
            Map.entry("ADMIN_PORT", "cleave.admin.port"),
            Map.entry("ADMIN_HOST", "cleave.admin.host"),
            Map.entry("CLEAVE_SHUTDOWN_DRAIN", "cleave.shutdown.drain"),
            Map.entry("CLEAVE_SHUTDOWN_TIMEOUT", "cleave.shutdown.timeout"),
            Map.entry("CLEAVE_AUTH_ISSUER", "cleave.auth.issuer"),
            Map.entry("CLEAVE_AUTH_AUDIENCE", "cleave.auth.audience"),
            Map.entry("CLEAVE_AUTH_ROLES_CLAIM", "cleave.auth.roles-claim"),
            Map.entry("CLEAVE_AUTH_CLOCK_SKEW", "cleave.auth.clock-skew"),
            Map.entry("CLEAVE_AUTH_DEV", "cleave.auth.development"),
            Map.entry("CLEAVE_AUTH_DEV_KEY", "cleave.auth.development-key"),
            Map.entry("CLEAVE_AUTH_CLIENT_ID", "cleave.auth.client.id"),
            Map.entry("CLEAVE_AUTH_CLIENT_SECRET", "cleave.auth.client.secret"),
            Map.entry("CLEAVE_AUTH_CLIENT_SECRET_FILE", "cleave.auth.client.secret-file"),
            Map.entry("CLEAVE_RATE_LIMIT", "cleave.rate-limit.mode"),
            Map.entry("CLEAVE_ACCESS_LOG", "cleave.access-log"),
            Map.entry("CLEAVE_OBSERVE_PEERS", "cleave.observe.peers"),
            Map.entry("CLEAVE_METRICS", "cleave.metrics"),
            // The order context's API versions (dev.cleave.order.wiring.OrderApiSettings reads them).
            Map.entry("CLEAVE_ORDER_V1_CURRENCY", "cleave.order.v1.currency"),
            Map.entry("CLEAVE_ORDER_V1_DEPRECATION", "cleave.order.v1.deprecation"),
            Map.entry("CLEAVE_ORDER_V1_SUNSET", "cleave.order.v1.sunset"),
            Map.entry("CLEAVE_ORDER_V1_DEPRECATION_LINK", "cleave.order.v1.deprecation-link"),
            Map.entry("CLEAVE_ORDER_V1_GONE_AFTER_SUNSET", "cleave.order.v1.gone-after-sunset"));
    private static final long DEFAULT_DRAIN_MILLIS = 3_000;
    private static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 10_000;
    private static final Pattern DATABASE = Pattern.compile(
            "CLEAVE_([A-Z0-9]+)_DB_(URL|USER|PASSWORD|POOL_SIZE|CONNECTION_WAIT|MAX_WAITING|STATEMENT_TIMEOUT"
            + "|IDLE_IN_TRANSACTION_TIMEOUT)");
    private static final Pattern SERVICE_URL = Pattern.compile("([A-Z0-9]+)_SERVICE_URL");

    private Settings() {
    }

    /**
     * Loads the configuration and checks the numbers in it, before anything starts.
     *
     * @throws InvalidSettingException if the port or a pool size is no number in its range
     */
    static Config load(Map<String, String> environment) {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(explicit(environment)))
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("application.yaml").optional())
                .build();
        // 0 lets the system choose a free port.
        requireWhole(config.get("server.port"), "PORT", 0, 65_535);
        requireWhole(config.get("cleave.admin.port"), "ADMIN_PORT", 0, 65_535);
        requireWhole(config.get("cleave.shutdown.drain"), "CLEAVE_SHUTDOWN_DRAIN", 0, 600_000);
        requireWhole(config.get("cleave.shutdown.timeout"), "CLEAVE_SHUTDOWN_TIMEOUT", 1_000, 3_600_000);
        accessLog(config);
        config.get("cleave").asNodeList().orElse(List.of()).forEach(context -> {
            String prefix = "CLEAVE_" + context.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_DB_";
            Config db = context.get("db");
            requireWhole(db.get("pool-size"), prefix + "POOL_SIZE", 1, 1_000);
            // Hikari waits at least 250 ms for a connection.
            requireWhole(db.get("connection-wait"), prefix + "CONNECTION_WAIT", 250, 60_000);
            requireWhole(db.get("max-waiting"), prefix + "MAX_WAITING", 0, 100_000);
            requireWhole(db.get("statement-timeout"), prefix + "STATEMENT_TIMEOUT", 0, 3_600_000);
            requireWhole(db.get("idle-in-transaction-timeout"), prefix + "IDLE_IN_TRANSACTION_TIMEOUT", 0, 3_600_000);
        });
        return config;
    }

    /** How long an assembly asked to stop goes on serving with readiness down ({@code cleave.shutdown.drain}). */
    static Duration drain(Config config) {
        return Duration.ofMillis(config.get("cleave.shutdown.drain").asLong().orElse(DEFAULT_DRAIN_MILLIS));
    }

    /** The longest a stop may take before the JVM is halted with status 1 ({@code cleave.shutdown.timeout}). */
    static Duration shutdownBound(Config config) {
        return Duration.ofMillis(config.get("cleave.shutdown.timeout").asLong()
                                         .orElse(DEFAULT_SHUTDOWN_TIMEOUT_MILLIS));
    }

    // Checked here rather than where the value is used, so a typo fails at once with the variable's name, not
    // halfway through starting with a parser's message.
    /**
     * Whether to write the access log: {@code CLEAVE_ACCESS_LOG}, {@code on} (the default) or {@code off}.
     *
     * @throws InvalidSettingException for any other value
     */
    static boolean accessLog(Config config) {
        String value = config.get("cleave.access-log").asString().orElse("on").trim();
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new InvalidSettingException("CLEAVE_ACCESS_LOG must be on or off, not '" + value + "'");
        };
    }

    private static void requireWhole(Config setting, String variable, int min, int max) {
        setting.asString().ifPresent(value -> {
            int number;
            try {
                number = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                number = min - 1;
            }
            if (number < min || number > max) {
                throw new InvalidSettingException(variable + " (" + setting.key() + ") must be a whole number from "
                                                  + min + " to " + max + ", not '" + value + "'");
            }
        });
    }

    /**
     * A setting whose value cannot be used; its message names the variable and what it must be.
     */
    static final class InvalidSettingException extends dev.cleave.platform.spi.InvalidSettingException {
        private static final long serialVersionUID = 1L;

        InvalidSettingException(String message) {
            super(message);
        }
    }

    static Map<String, String> explicit(Map<String, String> environment) {
        Map<String, String> explicit = new HashMap<>();
        environment.forEach((variable, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String key = ENVIRONMENT.get(variable);
            Matcher database = DATABASE.matcher(variable);
            Matcher service = SERVICE_URL.matcher(variable);
            if (key == null && database.matches()) {
                key = "cleave." + lower(database.group(1)) + ".db." + lower(database.group(2)).replace('_', '-');
            } else if (key == null && service.matches()) {
                key = "cleave.remote." + lower(service.group(1)) + ".url";
            }
            if (key != null) {
                explicit.put(key, value.trim());
            }
        });
        return explicit;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
