package inbound.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.wiring.DatabaseBeans;
import inbound.wiring.RetentionBeans;
import inbound.worker.RetentionPurge;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import routes.RetentionRoute;

/**
 * The retention function, invoked by its EventBridge schedule (the event itself says nothing it needs): the
 * shared retention route forgets the events processed longer ago than {@code inbound.retention.days}, and
 * begins no further batch once less than {@code inbound.lambda.retention.reserve-ms} is left of the
 * invocation, so that it ends before its timeout and the next scheduled run goes on. It answers
 * {@code {"forgotten": n, "finished": true|false, "cutoff": "..."}}; a purge that fails (the database is down)
 * fails the invocation, which the function's error alarm sees.
 */
public final class RetentionHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** More than a purge of an empty database takes, on a cold JVM. */
    private static final Duration PRIMING_PURGE_TIME = Duration.ofMinutes(1);

    private static final FunctionContext.Definition FUNCTION = new FunctionContext.Definition("retention",
            (settings, outside) -> List.of(new DatabaseBeans(settings.database()), new RetentionBeans(settings.retention())),
            () -> List.of(new RetentionRoute()));

    private final FunctionContext function;
    private final long reserveMillis;

    public RetentionHandler() {
        this(FunctionContext.start(FUNCTION, RetentionHandler::prime));
    }

    RetentionHandler(FunctionContext function) {
        this.function = function;
        this.reserveMillis = function.settings().retentionReserve().toMillis();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(JSON.writeValueAsBytes(purge(Instant.now().plusMillis(context.getRemainingTimeInMillis() - reserveMillis))));
    }

    private ObjectNode purge(Instant stopBy) {
        Exchange done = function.template().send(RetentionRoute.PURGE, exchange -> exchange.getMessage().setHeader(RetentionPurge.STOP_BY, stopBy));
        if (done.getException() != null) {
            throw new IllegalStateException("The retention purge failed; the next scheduled run tries again: " + done.getException().getMessage(),
                    done.getException());
        }
        RetentionPurge.Outcome outcome = done.getMessage().getBody(RetentionPurge.Outcome.class);
        return JSON.createObjectNode()
                .put("forgotten", outcome.forgotten())
                .put("finished", outcome.finished())
                .put("cutoff", outcome.cutoff().toString());
    }

    /** A purge, to its answer, of the priming context's database: a private one in memory, with nothing to forget. */
    private static String prime(MadeUpSecrets secrets, FunctionContext priming) {
        ObjectNode answer = new RetentionHandler(priming).purge(Instant.now().plus(PRIMING_PURGE_TIME));
        if (!answer.path("finished").asBoolean()) {
            throw new IllegalStateException("the purge of an empty database did not finish: " + answer);
        }
        return "a purge of an empty database";
    }
}
