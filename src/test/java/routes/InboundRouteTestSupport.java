package routes;

import inbound.server.InboundConfiguration;
import inbound.testing.PrometheusText;
import java.nio.file.Files;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;

/**
 * A Camel test context wired as Inbound wires it (application.properties, then the test's overrides,
 * beans from {@link InboundConfiguration}), with an in-memory database of its own and advice-with on,
 * so that each test replaces the queue endpoints before the context starts.
 */
abstract class InboundRouteTestSupport extends CamelTestSupport {

    /** Properties that override application.properties for this test class. */
    protected abstract Properties overrides();

    @Override
    public void configureTest(TestExecutionConfiguration test) {
        super.configureTest(test);
        test.withUseAdviceWith(true);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.put("inbound.db.url", "jdbc:h2:mem:route-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // the embedded queue's file (its durability check and backlog open it): one of this test's own, not ./data
        properties.put("inbound.data-dir", Files.createTempDirectory("route-test-").toString());
        properties.putAll(overrides());
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(properties);
        new InboundConfiguration().configure(context);
        return context;
    }

    /** What the server's {@code GET /metrics} would answer now, parsed. */
    protected PrometheusText metrics() throws Exception {
        Exchange scrape = new DefaultExchange(context);
        context.getRegistry().lookupByNameAndType("metricsAnswer", Processor.class).process(scrape);
        return PrometheusText.parse(scrape.getMessage().getBody(String.class));
    }
}
