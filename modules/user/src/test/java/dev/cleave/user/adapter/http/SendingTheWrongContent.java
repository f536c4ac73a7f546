package dev.cleave.user.adapter.http;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.user.adapter.http.UserApiFixture.JSON;
import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.post;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a body must be sent as: UTF-8 {@code application/json} is read (201), any other content type or none is a
 * 415, and a body over 64 KiB is a 413, whether its length is declared or it comes chunked. Written once and run in
 * memory by {@link SendingTheWrongContentTest} and over a real socket by
 * {@link SendingTheWrongContentOverASocketTest}: these are the cases the transport can change, a body answered
 * before it is read and a limit that sits below the server's own.
 */
abstract class SendingTheWrongContent extends FreshUserContext {
    SendingTheWrongContent(Http1Client client) {
        super(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "application/problem+json", "application/*", "*/*",
                            "application/json; charset=ISO-8859-1"})
    void aBodyThatIsNotUtf8JsonIsAnUnsupportedMediaType(String contentType) {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, contentType),
                           user("Ada", uniqueEmail("media")));

        assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
    }

    @Test
    void aBodyWithoutAContentTypeIsAnUnsupportedMediaType() {
        byte[] body = user("Ada", uniqueEmail("no-type")).getBytes(StandardCharsets.UTF_8);

        Reply reply = Reply.of(client.post(USERS)
                                       .header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                                       .outputStream(out -> {
                                           out.write(body);
                                           out.close();
                                       }));

        assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
    }

    @Test
    void jsonDeclaredAsUtf8IsAccepted() {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8"),
                           user("Utf Eight", uniqueEmail("utf8")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsTooLarge() {
        String prefix = "{\"name\":\"";
        String suffix = "\",\"email\":\"big@example.com\"}";
        String body = prefix + "x".repeat(70_000 - prefix.length() - suffix.length()) + suffix;
        assertEquals(70_000, body.getBytes(StandardCharsets.UTF_8).length);

        Reply reply = post(client, USERS, body);

        JsonNode problem = assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large",
                                         "Payload too large");
        assertEquals("The body is larger than 64 KiB.", problem.get("detail").asText());
    }

    @Test
    void aChunkedBodyOverSixtyFourKibibytesIsTooLarge() {
        byte[] chunk = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        Reply reply = Reply.of(client.post(USERS)
                                       .header(HeaderNames.CONTENT_TYPE, JSON)
                                       .outputStream(out -> {
                                           for (int i = 0; i < 7; i++) {
                                               out.write(chunk);
                                           }
                                           out.close();
                                       }));

        assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", "Payload too large");
    }
}
