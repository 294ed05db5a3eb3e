package inbound.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of a priming run's AWS clients: it answers from memory and opens no connection, so
 * that nothing a priming run asks of AWS reaches it. What a function's first request asks of SQS is
 * answered as SQS would (JSON protocol): a queue URL, a batch accepted with the digests the SDK checks,
 * an empty receive, zero depths. Anything else is refused with an error, which fails the priming run
 * rather than reaching out.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "X-Amz-Target";
    /** Where no request can go: the reserved {@code .invalid} domain. */
    private static final String QUEUE_URL_PREFIX = "https://sqs.priming.invalid/000000000000/";
    /** The SQS checksum's code for a string attribute. */
    private static final byte STRING_TYPE = 1;

    private int answered;

    /** How many requests it has answered: each one a request that would otherwise have left the process. */
    synchronized int answered() {
        return answered;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                JsonNode body;
                try (InputStream content = request.contentStreamProvider().orElseThrow().newStream()) {
                    body = JSON.readTree(content);
                }
                String operation = request.httpRequest().firstMatchingHeader(TARGET).orElse("none");
                synchronized (PrimingHttpClient.this) {
                    answered++;
                }
                return switch (operation) {
                    case "AmazonSQS.GetQueueUrl" -> answer(200, JSON.createObjectNode().put("QueueUrl", QUEUE_URL_PREFIX + body.path("QueueName").asText()));
                    case "AmazonSQS.SendMessageBatch" -> answer(200, accepted(body));
                    case "AmazonSQS.ReceiveMessage" -> answer(200, noMessages());
                    case "AmazonSQS.GetQueueAttributes" -> answer(200, zeroAttributes(body));
                    default -> answer(400, JSON.createObjectNode().put("__type", "InboundPriming")
                            .put("message", "A priming run does not call " + operation + "."));
                };
            }

            @Override
            public void abort() {
                // answered from memory: nothing to abort
            }
        };
    }

    private static HttpExecuteResponse answer(int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status).putHeader("Content-Type", "application/x-amz-json-1.0").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    /** Every entry accepted, with the digests of its body and attributes the SDK compares with its own. */
    private static ObjectNode accepted(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        response.putArray("Failed");
        for (JsonNode entry : request.path("Entries")) {
            ObjectNode accepted = response.withArray("Successful").addObject()
                    .put("Id", entry.path("Id").asText())
                    .put("MessageId", UUID.randomUUID().toString())
                    .put("MD5OfMessageBody", md5(entry.path("MessageBody").asText().getBytes(StandardCharsets.UTF_8)));
            if (entry.path("MessageAttributes").size() > 0) {
                accepted.put("MD5OfMessageAttributes", attributesMd5(entry.path("MessageAttributes")));
            }
        }
        return response;
    }

    private static ObjectNode noMessages() {
        ObjectNode response = JSON.createObjectNode();
        response.putArray("Messages");
        return response;
    }

    private static ObjectNode zeroAttributes(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode attributes = response.putObject("Attributes");
        request.path("AttributeNames").forEach(name -> attributes.put(name.asText(), "0"));
        return response;
    }

    /** SQS's digest of string attributes: by name, each of name, type and value length-prefixed, the value after its type's code. */
    private static String attributesMd5(JsonNode attributes) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = attributes.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            byName.put(field.getKey(), field.getValue());
        }
        MessageDigest digest = md5();
        byName.forEach((name, attribute) -> {
            lengthPrefixed(digest, name);
            lengthPrefixed(digest, attribute.path("DataType").asText());
            digest.update(STRING_TYPE);
            lengthPrefixed(digest, attribute.path("StringValue").asText());
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void lengthPrefixed(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static String md5(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5, which the SQS client checks its answers with", e);
        }
    }

    @Override
    public void close() {
        // nothing open
    }
}
