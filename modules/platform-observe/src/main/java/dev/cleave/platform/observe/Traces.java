package dev.cleave.platform.observe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.spi.InvalidSettingException;
import dev.cleave.platform.spi.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * The assembly's traces: OpenTelemetry's SDK, configured by the standard {@code OTEL_*} variables (or {@code otel.*}
 * system properties) through its autoconfiguration, and installed as {@link Tracing}'s tracer. Off, a no-op, unless
 * they ask for it: {@code OTEL_TRACES_EXPORTER} naming an exporter ({@code otlp} or {@code zipkin}), or an OTLP
 * endpoint set; {@code OTEL_SDK_DISABLED=true} turns it off whatever else is set. Only traces: metrics
 * are Prometheus's at {@code /observe/metrics}, logs the process's own, unless {@code OTEL_METRICS_EXPORTER} or
 * {@code OTEL_LOGS_EXPORTER} say otherwise.
 *
 * <p>The service name is {@code cleave-<assembly>} unless {@code OTEL_SERVICE_NAME} names another, and every span
 * carries {@code cleave.assembly}. Zipkin is sent to with the JDK's {@code URLConnection}
 * ({@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}, default {@code http://localhost:9411/api/v2/spans}), OTLP over HTTP
 * ({@code http/protobuf}, the default here; {@code OTEL_EXPORTER_OTLP_PROTOCOL=grpc} is refused, no gRPC sender is
 * shipped) with the JDK's HTTP client.
 */
public final class Traces implements AutoCloseable {
    private static final Traces OFF = new Traces(null, "off");
    private static final String EXPORTER = "otel.traces.exporter";
    private static final String ZIPKIN = "zipkin";
    private static final String DEFAULT_ZIPKIN_ENDPOINT = "http://localhost:9411/api/v2/spans";
    private static final Duration FLUSH_BOUND = Duration.ofSeconds(5);

    private final OpenTelemetrySdk sdk;
    private final String description;

    private Traces(OpenTelemetrySdk sdk, String description) {
        this.sdk = sdk;
        this.description = description;
    }

    /**
     * Starts tracing as the process's environment and system properties ask, and installs it.
     *
     * @param assembly the assembly's name
     * @return the running traces; close them last, to send what is still buffered
     */
    public static Traces start(String assembly) {
        return start(assembly, System.getenv(), System.getProperties());
    }

    static Traces start(String assembly, Map<String, String> environment, Map<?, ?> properties) {
        String exporters = setting(environment, properties, EXPORTER);
        if (!requested(exporters, environment, properties)) {
            Tracing.install(OpenTelemetry.noop());
            return OFF;
        }
        List<String> exporting = names(exporters).stream().filter(name -> !name.equals("none")).toList();
        List<String> named = exporting.isEmpty() ? List.of("otlp") : exporting;
        boolean zipkin = named.contains(ZIPKIN);
        List<String> others = named.stream().filter(name -> !name.equals(ZIPKIN)).toList();
        OpenTelemetrySdk sdk;
        try {
            sdk = configured(assembly, zipkin, others);
        } catch (ConfigurationException e) {
            // An exporter it does not know, a sampler argument that is no number: the operator's to fix.
            throw new InvalidSettingException("the OTEL_* settings cannot be used: " + e.getMessage()
                                              + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        }
        Tracing.install(sdk);
        return new Traces(sdk, "exported to " + String.join(", ", named));
    }

    private static OpenTelemetrySdk configured(String assembly, boolean zipkin, List<String> others) {
        return AutoConfiguredOpenTelemetrySdk.builder()
                // Defaults, below every variable and property the operator sets.
                // OTLP over HTTP: the JDK sends it; gRPC would need a sender of its own (OkHttp or grpc-java).
                .addPropertiesSupplier(() -> Map.of("otel.service.name", "cleave-" + assembly,
                                                    "otel.metrics.exporter", "none",
                                                    "otel.logs.exporter", "none",
                                                    "otel.exporter.otlp.protocol", "http/protobuf"))
                // Zipkin's exporter is wired here, with a sender that needs no OkHttp; autoconfigure gets the rest.
                .addPropertiesCustomizer(config -> Map.of(EXPORTER, others.isEmpty() ? "none"
                                                                                      : String.join(",", others)))
                .addTracerProviderCustomizer((builder, config) -> zipkin ? withZipkin(builder, config) : builder)
                .addResourceCustomizer((resource, config) -> resource.merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("cleave.assembly"), assembly))))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    // On when an exporter is named (not only "none") or an OTLP endpoint is set, the way a user says "send traces".
    static boolean requested(String exporters, Map<String, String> environment, Map<?, ?> properties) {
        if ("true".equalsIgnoreCase(setting(environment, properties, "otel.sdk.disabled"))) {
            return false;
        }
        if (exporters != null) {
            return names(exporters).stream().anyMatch(name -> !name.equals("none"));
        }
        return setting(environment, properties, "otel.exporter.otlp.endpoint") != null
               || setting(environment, properties, "otel.exporter.otlp.traces.endpoint") != null;
    }

    /**
     * How the startup line shows it.
     *
     * @return {@code off}, or where spans go
     */
    public String describe() {
        return description;
    }

    /**
     * Sends the spans still buffered (for a bounded time) and puts the no-op tracer back.
     */
    @Override
    public void close() {
        if (sdk == null) {
            return;
        }
        Tracing.install(OpenTelemetry.noop());
        sdk.shutdown().join(FLUSH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static SdkTracerProviderBuilder withZipkin(SdkTracerProviderBuilder builder, ConfigProperties config) {
        String endpoint = config.getString("otel.exporter.zipkin.endpoint", DEFAULT_ZIPKIN_ENDPOINT);
        ZipkinSpanExporter exporter = ZipkinSpanExporter.builder()
                .setSender(URLConnectionSender.create(endpoint))
                .build();
        return builder.addSpanProcessor(BatchSpanProcessor.builder(exporter)
                                                .setScheduleDelay(config.getDuration("otel.bsp.schedule.delay",
                                                                                     Duration.ofSeconds(5)))
                                                .build());
    }

    // otel.traces.exporter is OTEL_TRACES_EXPORTER in the environment; a system property wins, as autoconfigure has it.
    private static String setting(Map<String, String> environment, Map<?, ?> properties, String key) {
        Object property = properties.get(key);
        String value = property != null ? property.toString()
                                        : environment.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> names(String exporters) {
        return exporters == null ? List.of() : Arrays.stream(exporters.split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }
}
