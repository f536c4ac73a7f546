package dev.cleave.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;

/**
 * Any set of assemblies, each a service of its own, on one broker (a fresh virtual host): started in the order
 * given, each told where the ones before it answer ({@code <NAME>_SERVICE_URL}, as a remote client reads it) and
 * where the broker is, as production wires them. Closed in reverse order, then the broker.
 */
final class Services implements AutoCloseable {
    private final Broker broker;
    private final Map<String, AssemblyProcess> running;

    private Services(Broker broker, Map<String, AssemblyProcess> running) {
        this.broker = broker;
        this.running = running;
    }

    /**
     * Starts assemblies one after another, each with its own data directory below {@code dataDir}.
     *
     * @param dataDir      where the services keep their data, one folder each
     * @param broker       the broker they share
     * @param brokerPort   where they reach it, e.g. a {@link TcpProxy}
     * @param assemblies   the assemblies, by name ({@code app-NAME}), in start order
     * @param environments more environment for some of them, by name (e.g. a database)
     * @return the running services
     */
    static Services start(Path dataDir, Broker broker, int brokerPort, List<String> assemblies,
                          Map<String, Map<String, String>> environments) {
        Map<String, AssemblyProcess> running = new LinkedHashMap<>();
        Services services = new Services(broker, running);
        try {
            for (String assembly : assemblies) {
                Map<String, String> env = new HashMap<>(environments.getOrDefault(assembly, Map.of()));
                env.put("CLEAVE_AMQP_URL", broker.url(brokerPort));
                running.forEach((name, service) -> env.put(name.toUpperCase(Locale.ROOT) + "_SERVICE_URL",
                                                           service.baseUri().toString()));
                running.put(assembly, AssemblyProcess.start(assembly, dataDir.resolve(assembly), env));
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    /**
     * What puts one context of an assembly on the fixture's database, as the context's own role:
     * {@code CLEAVE_<CONTEXT>_DB_URL}, {@code _USER} and {@code _PASSWORD}.
     *
     * @param postgres the throwaway database
     * @param context  the context's name, e.g. {@code order}
     * @return the environment
     */
    static Map<String, String> onPostgres(PostgresFixture postgres, String context) {
        String prefix = "CLEAVE_" + context.toUpperCase(Locale.ROOT) + "_DB_";
        return Map.of(prefix + "URL", postgres.url(),
                      prefix + "USER", postgres.role(context),
                      prefix + "PASSWORD", postgres.password(context));
    }

    /** A running service, by assembly name. */
    AssemblyProcess service(String assembly) {
        AssemblyProcess service = running.get(assembly);
        if (service == null) {
            throw new IllegalArgumentException("no service app-" + assembly + " was started: " + running.keySet());
        }
        return service;
    }

    /** Starts a service again on its port and data, after it was stopped or killed. */
    void restart(String assembly) {
        running.put(assembly, service(assembly).restart());
    }

    Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        List<AssemblyProcess> reversed = new ArrayList<>(running.values());
        Collections.reverse(reversed);
        reversed.forEach(AssemblyProcess::close);
        broker.close();
    }
}
