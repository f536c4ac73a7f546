package dev.cleave.bench.bare;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Starts the baseline on {@code HOST} (default 127.0.0.1) and {@code PORT} (default 8090). It answers the two
 * benchmarked routes with bodies shaped like Cleave's, but from memory: no database, no validation beyond reading
 * the JSON, no problem details. Whatever Cleave spends on top of this is Cleave's own cost.
 */
public final class Main {
    private static final String CREATED_AT = "2025-01-01T00:00:00Z";
    private static final AtomicLong NEXT_ORDER = new AtomicLong();

    private Main() {
    }

    /**
     * Starts the server and keeps it running until the JVM is asked to stop.
     *
     * @param args ignored; {@code HOST} and {@code PORT} come from the environment
     */
    public static void main(String[] args) {
        long started = System.nanoTime();
        ObjectMapper mapper = JsonMapper.builder().build();
        WebServer server = WebServer.builder()
                .host(env("HOST", "127.0.0.1"))
                .port(Integer.parseInt(env("PORT", "8090")))
                .mediaContext(MediaContext.builder()
                                      .mediaSupportsDiscoverServices(false)
                                      .addMediaSupport(JacksonSupport.create(mapper))
                                      .build())
                .routing(Main::routing)
                .build()
                .start();
        System.out.println("bare helidon listening on port " + server.port() + " (started in "
                           + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }

    /**
     * The two routes.
     *
     * @param routing the routing to add them to
     */
    static void routing(HttpRouting.Builder routing) {
        routing.get("/v1/users/{id}", Main::user)
                .post("/v1/orders", Main::order);
    }

    private static void user(ServerRequest request, ServerResponse response) {
        long id = Long.parseLong(request.path().pathParameters().get("id"));
        response.header(HeaderNames.ETAG, "\"1\"");
        response.send(new User(id, "User " + id, "user" + id + "@example.com", CREATED_AT, CREATED_AT, 1));
    }

    private static void order(ServerRequest request, ServerResponse response) {
        JsonNode body = request.content().as(JsonNode.class);
        List<Item> items = new ArrayList<>();
        long total = 0;
        for (JsonNode item : body.path("items")) {
            Item line = new Item(item.path("sku").asText(), item.path("quantity").asInt(),
                                 item.path("unitPriceCents").asLong());
            items.add(line);
            total += line.quantity() * line.unitPriceCents();
        }
        long id = NEXT_ORDER.incrementAndGet();
        response.status(Status.CREATED_201);
        response.header(HeaderNames.LOCATION, "/v1/orders/" + id);
        response.header(HeaderNames.ETAG, "\"1\"");
        response.send(new Order(id, body.path("userId").asLong(), items, total, "PLACED", CREATED_AT, CREATED_AT,
                                1));
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** A user, shaped like Cleave's. */
    record User(long id, String name, String email, String createdAt, String updatedAt, long version) {
    }

    /** An order, shaped like Cleave's. */
    record Order(long id, long userId, List<Item> items, long totalCents, String status, String createdAt,
                 String updatedAt, long version) {
    }

    /** One line of an order. */
    record Item(String sku, int quantity, long unitPriceCents) {
    }
}
