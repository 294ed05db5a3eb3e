package inbound.lambda;

import inbound.store.StatusListener;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Before {@code WorkerBeans}: the store's status listener writes each worker outcome as an {@link EmfLine}. */
final class EmfStatusBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        EmfLine metrics = new EmfLine(System.out);
        context.getRegistry().bind("statusListener", (StatusListener) metrics::statusSaved);
    }
}
