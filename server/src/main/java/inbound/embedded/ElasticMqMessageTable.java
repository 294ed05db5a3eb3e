package inbound.embedded;

/**
 * The name of the H2 table in which ElasticMQ 1.7.1 keeps a queue's messages
 * ({@code MessageRepository}: {@code message_<name with . and - as _>_<hex of the name's hashCode>}),
 * for the checks Inbound runs on the embedded queue's file.
 */
public final class ElasticMqMessageTable {

    private ElasticMqMessageTable() {
    }

    public static String of(String queueName) {
        return "message_" + queueName.replace(".", "_").replace("-", "_") + "_" + Integer.toHexString(queueName.hashCode());
    }
}
