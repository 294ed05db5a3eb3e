package inbound.testing;

import inbound.server.InboundServer;
import inbound.store.EventStore;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.main.Main;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Inbound's server shape inside the test's JVM, on free loopback ports, with its embedded queue and data under a test folder. */
public final class InProcessInbound implements AutoCloseable {

    private final Main main;
    private final int httpPort;
    private final int sqsPort;

    private InProcessInbound(Main main, int httpPort, int sqsPort) {
        this.main = main;
        this.httpPort = httpPort;
        this.sqsPort = sqsPort;
    }

    /** A configured server, not yet started (so that a test can watch its start); {@code overrides} win. */
    public static InProcessInbound create(Path dataDir, Properties overrides) {
        int httpPort = FreePort.find();
        int sqsPort = FreePort.find();
        Properties properties = new Properties();
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.sqs.port", String.valueOf(sqsPort));
        properties.put("inbound.data-dir", dataDir.toString());
        properties.putAll(overrides);
        return new InProcessInbound(InboundServer.create(properties), httpPort, sqsPort);
    }

    public InProcessInbound start() throws Exception {
        main.start();
        return this;
    }

    public int httpPort() {
        return httpPort;
    }

    public WebhookClient client() {
        return new WebhookClient(httpPort);
    }

    /** The server's own event store, over its database. */
    public EventStore eventStore() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("eventStore", EventStore.class);
    }

    /** The server's own SQS client, to change its queues under it. */
    public SqsClient sqsClient() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("sqsClient", SqsClient.class);
    }

    public QueueReader queue(String name) {
        return new QueueReader(sqsPort, name);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
