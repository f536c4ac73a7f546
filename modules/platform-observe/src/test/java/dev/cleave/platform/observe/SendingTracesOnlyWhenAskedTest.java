package dev.cleave.platform.observe;

import java.util.Map;

import dev.cleave.platform.spi.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracing is off (a no-op) unless the standard {@code OTEL_*} variables ask for an exporter, and
 * {@code OTEL_SDK_DISABLED} turns it off whatever else says; a system property wins over the environment.
 */
class SendingTracesOnlyWhenAskedTest {

    @Test
    void nothingSetMeansNoTraces() {
        assertFalse(requested(Map.of(), Map.of()));
        Traces traces = Traces.start("test", Map.of(), Map.of());
        assertEquals("off", traces.describe());
        traces.close();
    }

    @Test
    void anExporterNamedOrAnOtlpEndpointSetTurnsTracesOn() {
        assertTrue(requested(Map.of("OTEL_TRACES_EXPORTER", "zipkin"), Map.of()));
        assertTrue(requested(Map.of("OTEL_TRACES_EXPORTER", "none,otlp"), Map.of()));
        assertTrue(requested(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), Map.of()));
        assertTrue(requested(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/v1/traces"),
                             Map.of()));
        assertTrue(requested(Map.of(), Map.of("otel.traces.exporter", "console")));
    }

    @Test
    void noneOrDisabledMeansNoTracesWhateverElseIsSet() {
        assertFalse(requested(Map.of("OTEL_TRACES_EXPORTER", "none",
                                     "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"), Map.of()));
        assertFalse(requested(Map.of("OTEL_TRACES_EXPORTER", "zipkin", "OTEL_SDK_DISABLED", "true"), Map.of()));
        assertFalse(requested(Map.of("OTEL_TRACES_EXPORTER", "zipkin"), Map.of("otel.traces.exporter", "none")),
                    "a system property wins over the environment");
    }

    @Test
    void aZipkinExporterIsBuiltAndSaysWhereSpansGo() {
        Traces traces = Traces.start("test", Map.of("OTEL_TRACES_EXPORTER", "zipkin",
                                                    "OTEL_EXPORTER_ZIPKIN_ENDPOINT",
                                                    "http://127.0.0.1:9/api/v2/spans"), Map.of());
        try {
            assertEquals("exported to zipkin", traces.describe());
        } finally {
            traces.close();
        }
    }

    @Test
    void anExporterItDoesNotKnowIsRefusedNamingTheSetting() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> Traces.start(
                "test", Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon"), Map.of("otel.traces.exporter",
                                                                                 "carrier-pigeon")));
        assertTrue(refused.getMessage().contains("OTEL_"), refused::getMessage);
        assertTrue(refused.getMessage().contains("carrier-pigeon"), refused::getMessage);
    }

    private static boolean requested(Map<String, String> environment, Map<String, String> properties) {
        String exporters = properties.containsKey("otel.traces.exporter") ? properties.get("otel.traces.exporter")
                                                                           : environment.get("OTEL_TRACES_EXPORTER");
        return Traces.requested(exporters, environment, properties);
    }
}
