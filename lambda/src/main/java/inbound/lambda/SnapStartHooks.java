package inbound.lambda;

import inbound.support.ForgottenBeforeSnapshot;
import org.apache.camel.CamelContext;
import org.crac.Context;
import org.crac.Resource;

/**
 * What a SnapStart snapshot should hold and what it must not. It holds the function primed ({@link Priming}:
 * its own path run on synthetic events, so that the classes a first request needs are loaded and their code
 * warm). It must not carry secret values and open database connections (every {@link ForgottenBeforeSnapshot}
 * bean drops them; they are read or opened again on first use after the restore). The SQS and Lambda clients'
 * pooled HTTP connections are checked by the AWS SDK before reuse and retried when stale; nothing here keeps a
 * random seed of its own (event ids come from the provider's delivery id or the body's hash).
 */
final class SnapStartHooks implements Resource {

    private final CamelContext camel;
    private final Priming priming;

    SnapStartHooks(CamelContext camel, Priming priming) {
        this.camel = camel;
        this.priming = priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        priming.run();
        camel.getRegistry().findByType(ForgottenBeforeSnapshot.class).forEach(ForgottenBeforeSnapshot::forget);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen eagerly: each forgotten part comes back on its first use
    }
}
