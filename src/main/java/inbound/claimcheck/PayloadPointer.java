package inbound.claimcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Optional;

/**
 * Where a stored body is, written as the queued message's body in the format of Amazon's SQS extended
 * client ({@code ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":…,"s3Key":…}]}),
 * with the body's size in the attribute {@link #SIZE_ATTRIBUTE}, so that other tools that read such
 * queues recognise a stored body. A message is a pointer only when it carries that attribute: a
 * provider's body that merely looks like one stays a body.
 */
public record PayloadPointer(String bucket, String key) {

    /** The message attribute the extended client marks a stored body with: its size in bytes. */
    public static final String SIZE_ATTRIBUTE = "ExtendedPayloadSize";
    /** The class name the extended client's pointer begins with. */
    public static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PayloadPointer {
        if (bucket == null || bucket.isEmpty() || key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a payload pointer needs a bucket and a key");
        }
    }

    /** The queued message's body. */
    public String toBody() {
        ArrayNode pointer = JSON.createArrayNode().add(POINTER_CLASS);
        pointer.addObject().put("s3BucketName", bucket).put("s3Key", key);
        return pointer.toString();
    }

    /** The pointer a message's body holds, when its {@link #SIZE_ATTRIBUTE} says it holds one. */
    public static Optional<PayloadPointer> inMessage(String body, String sizeAttribute) {
        if (sizeAttribute == null) {
            return Optional.empty();
        }
        JsonNode pointer;
        try {
            pointer = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException notJson) {
            throw new PayloadUnavailable("The message says its body is stored aside, but holds no payload pointer.");
        }
        if (pointer == null || !pointer.isArray() || pointer.size() != 2 || !POINTER_CLASS.equals(pointer.get(0).asText())
                || !pointer.get(1).path("s3BucketName").isTextual() || !pointer.get(1).path("s3Key").isTextual()) {
            throw new PayloadUnavailable("The message says its body is stored aside, but holds no payload pointer.");
        }
        return Optional.of(new PayloadPointer(pointer.get(1).get("s3BucketName").asText(), pointer.get(1).get("s3Key").asText()));
    }
}
