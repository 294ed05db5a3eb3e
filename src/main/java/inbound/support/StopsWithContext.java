package inbound.support;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** Ties a client or pool to the Camel context: it is closed when the context stops, after the routes. */
public final class StopsWithContext {

    private StopsWithContext() {
    }

    public static <T extends AutoCloseable> T closeOnStop(CamelContext context, T resource) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        }, true, true);
        return resource;
    }
}
