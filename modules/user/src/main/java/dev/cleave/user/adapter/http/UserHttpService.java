package dev.cleave.user.adapter.http;

import java.util.Optional;
import java.util.Set;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Allow;
import dev.cleave.platform.web.Callers;
import dev.cleave.platform.web.ETags;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.platform.web.JsonBody;
import dev.cleave.platform.web.JsonFields;
import dev.cleave.platform.web.Page;
import dev.cleave.platform.web.PageQuery;
import dev.cleave.platform.web.PathIds;
import dev.cleave.platform.web.Reply;
import dev.cleave.platform.web.Responses;
import dev.cleave.user.domain.User;
import dev.cleave.user.domain.UserDetails;
import dev.cleave.user.domain.UserService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /v1/users}: register, read, replace, delete and list users.
 */
public final class UserHttpService implements HttpService {
    /** Where the service is mounted. */
    public static final String PATH = "/v1/users";

    private static final String LISTING = "users";
    private static final Set<String> WRITABLE = Set.of("name", "email");
    private static final Set<String> READ_ONLY = Set.of("id", "owner", "createdAt", "updatedAt", "version");
    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "cursor");

    private final UserService users;
    private final Idempotency idempotency;

    /**
     * Creates the service.
     *
     * @param users       the use cases
     * @param idempotency runs a registration with an {@code Idempotency-Key} at most once
     */
    public UserHttpService(UserService users, Idempotency idempotency) {
        this.users = users;
        this.idempotency = idempotency;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::register)
                .get("/", this::list)
                .any("/", Allow.only(Method.GET, Method.POST))
                .get("/{id}", this::get)
                .put("/{id}", this::replace)
                .delete("/{id}", this::delete)
                .any("/{id}", Allow.only(Method.GET, Method.PUT, Method.DELETE));
    }

    private void register(ServerRequest request, ServerResponse response) {
        idempotency.handle(request, response, body -> {
            User user = users.register(Callers.of(request), details(body));
            return Reply.created(PATH + "/" + user.id(), ETags.of(user.version()), UserResource.of(user));
        });
    }

    private void get(ServerRequest request, ServerResponse response) {
        send(response, Status.OK_200, users.get(Callers.of(request), PathIds.id(request, "id")));
    }

    private void replace(ServerRequest request, ServerResponse response) {
        long id = PathIds.id(request, "id");
        UserDetails details = details(JsonBody.read(request));
        Caller caller = Callers.of(request);
        send(response, Status.OK_200, users.replace(caller, id, expectedVersion(request, caller, id), details));
    }

    private void delete(ServerRequest request, ServerResponse response) {
        long id = PathIds.id(request, "id");
        Caller caller = Callers.of(request);
        users.delete(caller, id, expectedVersion(request, caller, id));
        response.status(Status.NO_CONTENT_204).send();
    }

    private void list(ServerRequest request, ServerResponse response) {
        PageQuery page = PageQuery.read(request, LISTING, LIST_PARAMETERS);
        Responses.json(response, Status.OK_200,
                       Page.of(users.list(Callers.of(request), page.afterId(), page.limit()), LISTING, User::id,
                               UserResource::of));
    }

    private static UserDetails details(JsonFields body) {
        body.allowOnly(WRITABLE, READ_ONLY);
        String name = body.string("name");
        String email = body.string("email");
        return body.build(() -> UserDetails.of(name, email));
    }

    // The current version is read only when If-Match lists several tags; a user that is gone answers 404 then.
    private Optional<Long> expectedVersion(ServerRequest request, Caller caller, long id) {
        return ETags.expectedVersion(request, () -> users.get(caller, id).version());
    }

    private static void send(ServerResponse response, Status status, User user) {
        response.header(HeaderNames.ETAG, ETags.of(user.version()));
        Responses.json(response, status, UserResource.of(user));
    }
}
