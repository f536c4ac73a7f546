package dev.cleave.platform.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.api.UnprocessableException;
import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.web.Responses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The operator's view of the dead letters, on the admin socket only: {@code GET /admin/dead-letters} lists them,
 * {@code POST /admin/dead-letters/{consumer}/{eventId}/replay} replays one and {@code POST
 * /admin/dead-letters/replay} every one. A replay that applies the event (or finds it applied before) removes the
 * dead letter; one that fails keeps it, with one more attempt and the new reason, and answers a problem: 422, or 503
 * with {@code Retry-After} for a passing fault. An unknown dead letter is a 404 problem.
 */
final class DeadLetterService implements HttpService {
    static final String PATH = "/admin/dead-letters";

    private final DeadLetterOffice office;

    DeadLetterService(DeadLetterOffice office) {
        this.office = office;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/replay", this::replayAll)
                .post("/{consumer}/{eventId}/replay", this::replayOne);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Responses.json(response, Status.OK_200, Map.of("items", office.list().stream().map(DeadLetterService::view)
                .toList()));
    }

    private void replayOne(ServerRequest request, ServerResponse response) {
        String consumer = request.path().pathParameters().get("consumer");
        String eventId = request.path().pathParameters().get("eventId");
        DeadLetter letter = parse(eventId)
                .flatMap(id -> office.find(consumer, id))
                .orElseThrow(() -> new NotFoundException("No dead letter " + consumer + "/" + eventId + "."));
        boolean applied;
        try {
            applied = office.replay(letter);
        } catch (UnavailableException | UnprocessableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(letter, e);
        }
        Map<String, Object> body = view(letter);
        body.put("outcome", applied ? "applied" : "applied before");
        Responses.json(response, Status.OK_200, body);
    }

    private void replayAll(ServerRequest request, ServerResponse response) {
        int replayed = 0;
        List<Map<String, Object>> failed = new ArrayList<>();
        for (DeadLetter letter : office.list()) {
            try {
                office.replay(letter);
                replayed++;
            } catch (RuntimeException e) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("id", id(letter));
                one.put("lastError", Faults.reason(e));
                failed.add(one);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", replayed);
        body.put("failed", failed);
        Responses.json(response, Status.OK_200, body);
    }

    // A passing fault is the client's to retry (503 with Retry-After); anything else leaves the letter for a fix.
    private static RuntimeException failed(DeadLetter letter, RuntimeException e) {
        String detail = "Replaying " + id(letter) + " failed again (" + Faults.reason(e) + "); it stays a dead letter.";
        if (Faults.isPassing(e)) {
            return new UnavailableException(detail, Duration.ofSeconds(1), e);
        }
        return new UnprocessableException(detail);
    }

    private static Optional<UUID> parse(String eventId) {
        try {
            return Optional.of(UUID.fromString(eventId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String id(DeadLetter letter) {
        return letter.consumer() + "/" + letter.eventId();
    }

    private static Map<String, Object> view(DeadLetter letter) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id(letter));
        view.put("consumer", letter.consumer());
        view.put("eventId", letter.eventId());
        view.put("publisher", letter.publisher());
        view.put("type", letter.type());
        view.put("aggregateId", letter.aggregateId());
        view.put("attempts", letter.attempts());
        view.put("lastError", letter.lastError());
        view.put("occurredAt", letter.occurredAt());
        view.put("deadAt", letter.deadAt());
        return view;
    }
}
