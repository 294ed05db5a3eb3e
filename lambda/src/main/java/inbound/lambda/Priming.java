package inbound.lambda;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function's priming run: its handler's own code, on synthetic events, through its own routes and beans,
 * so that what a first request needs — classes loaded, code interpreted and compiled, the AWS SDK's request
 * pipeline, Jackson, the JSON Schema validator — is ready in a SnapStart snapshot (or, with
 * {@code inbound.prime-at-init}, before the first request).
 *
 * <p>Why it has no side effect: it runs on a second context of the same function ({@link FunctionContext#build}),
 * built from the same definition, that reaches nothing outside the process ({@link FunctionOutside#nothing}): its
 * AWS clients are answered from memory, its secrets are made up for the run ({@link MadeUpSecrets}), its database
 * is a private one in memory and its metric lines go nowhere. The user's own routes (the worker's processing) are
 * left out of it: what they reach is theirs to say. The function's own context is not touched: its caches, its
 * queue URL, its connections stay as they were. The run is best effort: a failure is logged, and the function
 * starts unprimed.
 */
final class Priming {

    /** Runs synthetic events through a handler built on the priming context; says what it ran, for the log. */
    interface Primer {
        String prime(MadeUpSecrets secrets, FunctionContext priming) throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final FunctionContext.Definition function;
    private final Primer primer;

    Priming(FunctionContext.Definition function, Primer primer) {
        this.function = function;
        this.primer = primer;
    }

    void run() {
        long start = System.nanoTime();
        MadeUpSecrets secrets = MadeUpSecrets.create();
        FunctionOutside nothing = FunctionOutside.nothing(secrets);
        FunctionContext priming = null;
        try {
            priming = FunctionContext.build(function, function.routes().get(), nothing);
            String ran = primer.prime(secrets, priming);
            LOG.info("Function {} primed in {} ms: {}; {} AWS requests answered in memory, none sent", function.name(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), ran, nothing.answeredFromMemory());
        } catch (Exception | AssertionError failed) {
            LOG.warn("Function {} could not prime itself ({}): its first request loads what priming would have", function.name(),
                    failed.getMessage(), failed);
        } finally {
            if (priming != null) {
                priming.camel().stop();
            }
        }
    }
}
