package inbound.server;

import inbound.support.JsonAnswers;
import inbound.support.Refusal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;

/** A JSON error answered from a Vert.x handler, before any route runs: the same shape as every other refusal. */
final class VertxJsonError {

    private VertxJsonError() {
    }

    static Future<Void> end(HttpServerResponse response, Refusal refusal) {
        refusal.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", String.valueOf(seconds)));
        return response.setStatusCode(refusal.status()).putHeader("Content-Type", "application/json")
                .end(JsonAnswers.errorBody(refusal.code(), refusal.getMessage()));
    }
}
