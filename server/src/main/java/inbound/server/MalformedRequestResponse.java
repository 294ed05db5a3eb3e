package inbound.server;

import inbound.support.Refusal;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers a request Vert.x could not parse (a header line without a colon, a NUL in a value, two
 * Content-Lengths, a request line or headers over Vert.x's limits) before any route or handler of ours
 * sees it: with the status Vert.x itself would give — 414, 431, else 400 — but as the same JSON error as
 * every other refusal instead of an empty body, and the connection closed, as Vert.x does (where such a
 * request ends cannot be trusted).
 */
final class MalformedRequestResponse implements Handler<HttpServerRequest> {

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        request.response().putHeader("Connection", "close");
        if (cause instanceof TooLongHttpLineException) {
            VertxJsonError.end(request.response(), new Refusal(414, "uri_too_long", "The request line is longer than the server accepts."));
        } else if (cause instanceof TooLongHttpHeaderException) {
            VertxJsonError.end(request.response(), new Refusal(431, "headers_too_large", "The request's headers are larger than the server accepts."));
        } else {
            VertxJsonError.end(request.response(), new Refusal(400, "malformed_request", "The request is not well-formed HTTP."));
        }
        request.response().close();
    }
}
