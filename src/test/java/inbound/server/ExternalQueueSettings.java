package inbound.server;

import java.util.Properties;

/** The settings of a server on a queue of the test's own (INBOUND_SQS_ENDPOINT), without its worker: the test reads the queue itself. */
final class ExternalQueueSettings {

    private ExternalQueueSettings() {
    }

    static Properties of(String sqsEndpoint, int httpPort, String shopifySecret) {
        // the SDK's default credential chain is used for an external endpoint
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Properties properties = new Properties();
        properties.put("inbound.sqs.endpoint", sqsEndpoint);
        properties.put("inbound.http.port", String.valueOf(httpPort));
        properties.put("inbound.http.host", "127.0.0.1");
        properties.put("inbound.provider.shopify.secret", shopifySecret);
        properties.put("inbound.worker.enabled", "false");
        return properties;
    }
}
