package inbound.server;

import inbound.support.JsonAnswers;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/** A JSON error answered from a Vert.x handler, before any route runs: the same shape as every other refusal. */
final class VertxJsonError {

    private VertxJsonError() {
    }

    static Future<Void> end(HttpServerResponse response, int status, String code, String message) {
        return response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(JsonAnswers.errorBody(code, message));
    }
}
