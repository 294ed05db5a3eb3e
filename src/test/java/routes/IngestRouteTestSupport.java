package routes;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;

/** The ingest route wired as Inbound wires it, with the step that writes to the queue replaced by {@code mock:queue}. */
abstract class IngestRouteTestSupport extends InboundRouteTestSupport {

    protected MockEndpoint queue;

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new IngestErrorHandling(), new IngestRoute()};
    }

    @BeforeEach
    void replaceTheQueueWithAMock() throws Exception {
        AdviceWith.adviceWith(context, "ingest", route -> route.weaveById(IngestRoute.ENQUEUE_STEP).replace().to("mock:queue"));
        context.start();
        queue = getMockEndpoint("mock:queue");
    }

    /** A webhook of {@code provider} as the HTTP entry point hands it to the ingest route. */
    protected Exchange post(String provider, byte[] body, Map<String, String> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put("provider", provider);
        return template.send(IngestRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setHeaders(all);
            exchange.getMessage().setBody(body);
        });
    }
}
