package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A real Zipkin (the {@code io.zipkin:zipkin-server} exec jar from Maven Central, which the build copies to
 * {@code target/zipkin}), on a free port of 127.0.0.1 with its in-memory storage, stopped by its PID.
 */
final class ZipkinServer extends LocalServer {
    private static final Path JAR = Path.of(System.getProperty("cleave.zipkin.jar",
                                                               "target/zipkin/zipkin-server.jar"));

    private ZipkinServer(Process process, URI base, Path log) {
        super(process, base, log);
    }

    /**
     * Starts Zipkin and waits until it is healthy.
     *
     * @param workDir where its log goes
     * @return the running server
     */
    static ZipkinServer start(Path workDir) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no Zipkin server at " + JAR + "; the build copies it in "
                                            + "pre-integration-test (mvn verify)");
        }
        int port = AssemblyProcess.freePort();
        Path log = workDir.resolve("zipkin.log");
        try {
            // Armeria binds every interface unless told one address; a test binds loopback only.
            Process process = new ProcessBuilder(AssemblyProcess.javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                                                 "-jar", JAR.toString(),
                                                 "--armeria.ports[0].ip=127.0.0.1",
                                                 "--armeria.ports[0].port=" + port,
                                                 "--armeria.ports[0].protocols[0]=http")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ZipkinServer server = new ZipkinServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady("Zipkin", "/health", Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Zipkin server " + JAR, e);
        }
    }

    /** Where services send spans: {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}. */
    String spansEndpoint() {
        return base().resolve("/api/v2/spans").toString();
    }

    /**
     * One trace's spans, as Zipkin's v2 API gives them.
     *
     * @param traceId the 32 hex digits
     * @return the spans (an empty array while Zipkin knows none)
     */
    JsonNode trace(String traceId) {
        if (status("/api/v2/trace/" + traceId) != 200) {
            return JsonNodeFactory.instance.arrayNode();
        }
        return get("/api/v2/trace/" + traceId);
    }
}
