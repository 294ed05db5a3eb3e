package routes;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an operator asks for over HTTP — the operator API and the console's files — each with the method and
 * path both shapes answer it at and the {@code direct:} route that answers it. The server shape's
 * platform-http routes ({@link OperatorHttpRoute}) and the Lambda shape's console function hand each request
 * to that route; API Gateway is given the same paths by the Terraform module. A path parameter ({@code {id}})
 * reaches the route as a header of that name, as each query parameter does.
 */
public enum OperatorRequest {

    OVERVIEW("GET", "/overview", "api-overview"),
    EVENTS("GET", "/events", "api-events"),
    // before EVENT_STATUS: the server's HTTP router takes the first path that matches
    EVENT_PAYLOAD("GET", "/events/{id}/payload", "api-event-payload"),
    EVENT_STATUS("GET", "/events/{id}", "api-event-status"),
    DEAD_LETTERS("GET", "/dead-letters", "api-dead-letters"),
    DEAD_LETTER("GET", "/dead-letters/{id}", "api-dead-letter"),
    REPLAY("POST", "/dead-letters/replay", "api-replay"),
    REPLAY_ONE("POST", "/dead-letters/{id}/replay", "api-replay-one"),
    CONSOLE_PAGE("GET", "/console", "console-page"),
    CONSOLE_ASSET("GET", "/console/{asset}", "console-asset");

    private final String method;
    private final String path;
    private final String routeId;

    OperatorRequest(String method, String path, String routeId) {
        this.method = method;
        this.path = path;
        this.routeId = routeId;
    }

    public String method() {
        return method;
    }

    /** The path as a template, its parameters in braces: what API Gateway calls the resource path. */
    public String path() {
        return path;
    }

    public String routeId() {
        return routeId;
    }

    /** Where the route that answers this request is entered. */
    public String endpoint() {
        return "direct:" + routeId;
    }

    /** The request with this method and path template, if it is one of these. */
    public static Optional<OperatorRequest> of(String method, String path) {
        return Arrays.stream(values()).filter(request -> request.method.equals(method) && request.path.equals(path)).findFirst();
    }
}
