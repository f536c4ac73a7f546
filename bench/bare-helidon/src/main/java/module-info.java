/**
 * The benchmark's baseline: a bare Helidon WebServer with Jackson, the ceiling Cleave is measured against.
 */
module dev.cleave.bench.bare {
    requires io.helidon.webserver;
    requires io.helidon.http.media.jackson;
    requires com.fasterxml.jackson.databind;

    // Jackson writes the response records; nothing else may reflect on this package.
    opens dev.cleave.bench.bare to com.fasterxml.jackson.databind;
}
