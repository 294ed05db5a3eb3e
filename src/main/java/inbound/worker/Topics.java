package inbound.worker;

/** How a topic names files and routes: {@code orders/create} becomes {@code orders-create}. */
public final class Topics {

    private Topics() {
    }

    public static String fileName(String topic) {
        if (topic == null || topic.isBlank()) {
            return "default";
        }
        return topic.trim().replace('/', '-').replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
