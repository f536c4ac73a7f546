package dev.cleave.platform.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL database for one test class, provisioned like production (see {@code docs/postgresql.md}):
 * one LOGIN role per context, each owning its context's schema and allowed nothing else, so a context that reaches
 * into another's tables fails at the database (SQLState 42501).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("user", "users", "order", "orders"));
 * }</pre>
 *
 * <p>Before the class's tests it connects as a superuser (by default {@code postgres} at 127.0.0.1:5432, which CI
 * starts; override with {@code CLEAVE_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD} or the system properties
 * {@code cleave.test.postgres.url}, {@code .user}, {@code .password}) and creates a database and roles with fresh
 * names, all starting with {@value #PREFIX} and the time they were made. If PostgreSQL cannot be reached the tests
 * fail, they are not skipped. After the class it drops them all; a shutdown hook drops them if the JVM ends
 * first, and every new fixture drops leftovers older than {@link #LEFTOVER_AGE} (a run killed outright).
 */
public final class PostgresFixture implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** What every database and role a fixture makes is called first, so a leftover is easy to recognise. */
    public static final String PREFIX = "cleave_test_";
    /** How old a leftover must be before a new fixture drops it: older than any test run, so never a live one. */
    public static final Duration LEFTOVER_AGE = Duration.ofHours(6);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'_'HHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    // cleave_test_<UTC yyyyMMdd_HHmmss>_<random>, then _<context> for a role.
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{8}_\\d{6})_[0-9a-f]+(_[a-z0-9_]+)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,19}");
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Admin admin;
    private final Map<String, String> schemas;
    private Provisioned provisioned;
    private String owner;
    private Thread dropOnExit;

    private PostgresFixture(Admin admin, Map<String, String> schemas) {
        schemas.forEach((context, schema) -> {
            requireIdentifier(context);
            requireIdentifier(schema);
        });
        this.admin = admin;
        this.schemas = new LinkedHashMap<>(schemas);
    }

    /**
     * A fixture for some contexts, each with the schema it owns, that reaches PostgreSQL as configured (see the
     * class description).
     *
     * @param schemas each context's schema, e.g. {@code user -> users}
     * @return the fixture; nothing exists until {@link #create()} (or JUnit's {@code beforeAll})
     */
    public static PostgresFixture forContexts(Map<String, String> schemas) {
        return new PostgresFixture(Admin.configured(), schemas);
    }

    /**
     * A fixture that reaches PostgreSQL as the given superuser instead.
     *
     * @param url      JDBC URL of a database to connect to for administration, e.g. {@code postgres}
     * @param user     a superuser (or a role that may create databases and roles)
     * @param password its password, or {@code null}
     * @param schemas  each context's schema
     * @return the fixture
     */
    public static PostgresFixture forContexts(String url, String user, String password, Map<String, String> schemas) {
        return new PostgresFixture(new Admin(url, user, password), schemas);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (provisioned == null) {
            owner = context.getUniqueId();
            create();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            close();
        }
    }

    /**
     * Drops leftovers of runs long gone, then creates the database, one role per context and each context's schema.
     *
     * @throws IllegalStateException if PostgreSQL cannot be reached or refuses
     */
    public synchronized void create() {
        if (provisioned != null) {
            throw new IllegalStateException("already created: " + provisioned.database);
        }
        String database = PREFIX + STAMP.format(LocalDateTime.now(ZoneOffset.UTC)) + "_"
                          + HexFormat.of().formatHex(bytes(4));
        Map<String, String> roles = new LinkedHashMap<>();
        Map<String, String> passwords = new LinkedHashMap<>();
        schemas.keySet().forEach(context -> {
            roles.put(context, database + "_" + context);
            passwords.put(context, HexFormat.of().formatHex(bytes(16)));
        });
        Provisioned wanted = new Provisioned(database, admin.urlOf(database), roles, passwords);

        try (Connection server = admin.connect()) {
            dropLeftovers(server, Instant.now().minus(LEFTOVER_AGE));
            // From here on something may exist: drop it even if the JVM ends before afterAll.
            provisioned = wanted;
            dropOnExit = new Thread(this::drop, "drop " + database);
            Runtime.getRuntime().addShutdownHook(dropOnExit);
            provision(server);
        } catch (SQLException | RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "Could not create a throwaway PostgreSQL database at " + admin.url + " as " + admin.user + ": "
                    + e.getMessage() + " -- The persistence tests need PostgreSQL; they are not skipped without it. "
                    + "CI starts it in .ci/run; by hand: pg_ctlcluster --skip-systemctl-redirect "
                    + "$(ls /etc/postgresql) main start. Or point CLEAVE_TEST_POSTGRES_URL, CLEAVE_TEST_POSTGRES_USER "
                    + "and CLEAVE_TEST_POSTGRES_PASSWORD at another server (a superuser, or a role that may create "
                    + "databases and roles).", e);
        }
    }

    /**
     * Drops the database and the roles. Safe to call again, or before {@link #create()}.
     */
    @Override
    public synchronized void close() {
        if (provisioned == null) {
            return;
        }
        drop();
        provisioned = null;
        if (dropOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(dropOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; dropping twice is harmless.
            }
            dropOnExit = null;
        }
    }

    /**
     * The database's name.
     *
     * @return its name
     */
    public String database() {
        return created().database;
    }

    /**
     * The JDBC URL of the database.
     *
     * @return the URL
     */
    public String url() {
        return created().url;
    }

    /**
     * The role a context logs in as.
     *
     * @param context the context
     * @return its role's name
     */
    public String role(String context) {
        return known(created().roles, context);
    }

    /**
     * The password of a context's role.
     *
     * @param context the context
     * @return the password
     */
    public String password(String context) {
        return known(created().passwords, context);
    }

    /**
     * The schema a context owns.
     *
     * @param context the context
     * @return the schema
     */
    public String schema(String context) {
        return known(schemas, context);
    }

    /**
     * Configuration that points every context at the database, each as its own role, as the environment variables
     * {@code CLEAVE_<CONTEXT>_DB_URL}, {@code _USER} and {@code _PASSWORD} do in production.
     *
     * @return the configuration
     */
    public Config config() {
        Provisioned p = created();
        Map<String, String> settings = new LinkedHashMap<>();
        p.roles.forEach((context, role) -> {
            settings.put("cleave." + context + ".db.url", p.url);
            settings.put("cleave." + context + ".db.user", role);
            settings.put("cleave." + context + ".db.password", p.passwords.get(context));
        });
        return Config.just(ConfigSources.create(settings));
    }

    /**
     * A new connection to the database as a context's role.
     *
     * @param context the context
     * @return the connection; the caller closes it
     * @throws SQLException if PostgreSQL refuses
     */
    public Connection connect(String context) throws SQLException {
        Provisioned p = created();
        return DriverManager.getConnection(p.url, role(context), p.passwords.get(context));
    }

    /**
     * A new connection as the superuser, to the database the fixture administers the server from.
     *
     * @return the connection; the caller closes it
     * @throws SQLException if PostgreSQL refuses
     */
    public Connection connectAsSuperuser() throws SQLException {
        return admin.connect();
    }

    /**
     * A new connection as the superuser to another database on the same server, such as {@link #database()}.
     *
     * @param database the database
     * @return the connection; the caller closes it
     * @throws SQLException if PostgreSQL refuses
     */
    public Connection connectAsSuperuser(String database) throws SQLException {
        return admin.connect(admin.urlOf(database));
    }

    /**
     * Empties a context's schema: drops it with everything in it and creates it again, owned by the context's role,
     * so the next start migrates a new database as a fresh H2 file would. Close the context's pool first.
     *
     * @param context the context
     */
    public void emptySchema(String context) {
        String schema = schema(context);
        try (Connection connection = admin.connect(url()); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
            sql.execute("CREATE SCHEMA " + quote(schema) + " AUTHORIZATION " + quote(role(context)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty schema " + schema + " in " + database(), e);
        }
    }

    /**
     * Whether a database with this name exists on the server (to check that fixtures clean up).
     *
     * @param name the database's name
     * @return {@code true} if it exists
     */
    public boolean databaseExists(String name) {
        return exists("SELECT 1 FROM pg_database WHERE datname = '" + literal(name) + "'");
    }

    /**
     * Whether a role with this name exists on the server (to check that fixtures clean up).
     *
     * @param name the role's name
     * @return {@code true} if it exists
     */
    public boolean roleExists(String name) {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = '" + literal(name) + "'");
    }

    // The statements of docs/postgresql/provision.sql, for names that are new: change both together.
    private void provision(Connection server) throws SQLException {
        Provisioned p = provisioned;
        try (Statement sql = server.createStatement()) {
            for (String context : schemas.keySet()) {
                sql.execute("CREATE ROLE " + quote(p.roles.get(context)) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                            + "NOREPLICATION NOBYPASSRLS PASSWORD '" + p.passwords.get(context) + "'");
            }
            sql.execute("CREATE DATABASE " + quote(p.database));
            sql.execute("REVOKE ALL ON DATABASE " + quote(p.database) + " FROM PUBLIC");
            for (String context : schemas.keySet()) {
                String role = quote(p.roles.get(context));
                sql.execute("GRANT CONNECT ON DATABASE " + quote(p.database) + " TO " + role);
                sql.execute("ALTER ROLE " + role + " IN DATABASE " + quote(p.database) + " SET search_path = "
                            + quote(schemas.get(context)));
            }
        }
        try (Connection database = admin.connect(p.url); Statement sql = database.createStatement()) {
            sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (String context : schemas.keySet()) {
                sql.execute("CREATE SCHEMA " + quote(schemas.get(context)) + " AUTHORIZATION "
                            + quote(p.roles.get(context)));
            }
        }
    }

    // Best effort: whatever cannot be dropped now is tried again by the next fixture.
    private void drop() {
        Provisioned p = provisioned;
        if (p == null) {
            return;
        }
        try (Connection server = admin.connect()) {
            dropDatabase(server, p.database);
            for (String role : p.roles.values()) {
                dropRole(server, role);
            }
        } catch (SQLException e) {
            System.err.println("PostgresFixture: could not drop " + p.database + " and its roles (a later run "
                               + "drops them once they are " + LEFTOVER_AGE.toHours() + " hours old): " + e);
        }
    }

    private static void dropLeftovers(Connection server, Instant before) {
        for (String database : names(server, "pg_database", "datname")) {
            if (madeBefore(database, before)) {
                ignoringFailure(() -> dropDatabase(server, database));
            }
        }
        // A role goes after its database: the database holds its schema and its settings.
        for (String role : names(server, "pg_roles", "rolname")) {
            if (madeBefore(role, before)) {
                ignoringFailure(() -> dropRole(server, role));
            }
        }
    }

    private static void dropDatabase(Connection server, String database) throws SQLException {
        try (Statement sql = server.createStatement()) {
            // WITH (FORCE) ends sessions still connected to it, such as a pool a failed test left open.
            sql.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
        }
    }

    private static void dropRole(Connection server, String role) throws SQLException {
        try (Statement sql = server.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + quote(role));
        }
    }

    /**
     * Whether a database or role name is one a fixture made, before a moment: what a new fixture drops as a
     * leftover of a run that died.
     *
     * @param name   the name
     * @param before the moment
     * @return whether it is such a leftover
     */
    public static boolean madeBefore(String name, Instant before) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return false;
        }
        try {
            return LocalDateTime.parse(matcher.group(1), STAMP).toInstant(ZoneOffset.UTC).isBefore(before);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    // The names in a catalog column (pg_database.datname, pg_roles.rolname) that start with the prefix.
    private static List<String> names(Connection server, String table, String column) {
        List<String> names = new ArrayList<>();
        try (Statement sql = server.createStatement();
                ResultSet rows = sql.executeQuery("SELECT " + column + " FROM " + table + " WHERE starts_with("
                                                  + column + ", '" + PREFIX + "')")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException e) {
            System.err.println("PostgresFixture: could not list leftovers: " + e);
        }
        return names;
    }

    private boolean exists(String query) {
        try (Connection server = admin.connect();
                Statement sql = server.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            return rows.next();
        } catch (SQLException e) {
            throw new IllegalStateException("could not ask PostgreSQL at " + admin.url, e);
        }
    }

    private Provisioned created() {
        if (provisioned == null) {
            throw new IllegalStateException("no database yet: register the fixture with @RegisterExtension on a "
                                            + "static field, or call create()");
        }
        return provisioned;
    }

    private static String known(Map<String, String> map, String context) {
        String value = map.get(context);
        if (value == null) {
            throw new IllegalArgumentException("unknown context " + context + "; known: " + map.keySet());
        }
        return value;
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(Objects.requireNonNull(name)).matches()) {
            throw new IllegalArgumentException("not a plain lower-case SQL name: " + name);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return text.replace("'", "''");
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void ignoringFailure(SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            System.err.println("PostgresFixture: could not drop a leftover: " + e.getMessage());
        }
    }

    private record Provisioned(String database, String url, Map<String, String> roles,
                               Map<String, String> passwords) {
    }

    /** How the fixture reaches the server as a superuser. */
    private record Admin(String url, String user, String password) {
        static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
        static final String DEFAULT_USER = "postgres";

        Admin {
            if (!JDBC_URL.matcher(Objects.requireNonNull(url)).matches()) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db): "
                                                   + url);
            }
        }

        static Admin configured() {
            return new Admin(setting("url").orElse(DEFAULT_URL),
                             setting("user").orElse(DEFAULT_USER),
                             setting("password").orElse(null));
        }

        // A system property (cleave.test.postgres.url) wins over an environment variable (CLEAVE_TEST_POSTGRES_URL).
        private static Optional<String> setting(String name) {
            return Optional.ofNullable(System.getProperty("cleave.test.postgres." + name))
                    .or(() -> Optional.ofNullable(
                            System.getenv("CLEAVE_TEST_POSTGRES_" + name.toUpperCase(Locale.ROOT))))
                    .filter(value -> !value.isBlank());
        }

        Connection connect() throws SQLException {
            return connect(url);
        }

        Connection connect(String target) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            // Fail in seconds, not minutes, when nothing listens.
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("loginTimeout", "10");
            return DriverManager.getConnection(target, properties);
        }

        /** The same server, another database; credentials in the URL's parameters are left out. */
        String urlOf(String database) {
            Matcher matcher = JDBC_URL.matcher(url);
            matcher.matches();
            String query = matcher.group(3) == null ? "" : matcher.group(3).substring(1);
            List<String> kept = new ArrayList<>();
            for (String parameter : query.split("&")) {
                String key = parameter.split("=", 2)[0];
                if (!parameter.isEmpty() && !key.equals("user") && !key.equals("password")) {
                    kept.add(parameter);
                }
            }
            return matcher.group(1) + "/" + database + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
    }
}
