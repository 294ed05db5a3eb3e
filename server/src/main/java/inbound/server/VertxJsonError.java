package inbound.server;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** A JSON error answered from a Vert.x handler, before any route runs: the same shape as every other refusal. */
final class VertxJsonError {

    private VertxJsonError() {
    }

    static Future<Void> end(HttpServerResponse response, int status, String code, String message) {
        return response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }
}
