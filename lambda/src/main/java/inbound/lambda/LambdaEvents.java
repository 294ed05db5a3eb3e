package inbound.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * AWS's events read into the aws-lambda-java-events classes, and the answers written, with Inbound's own
 * Jackson: the functions are stream handlers, because the runtime client's own serialization of those classes
 * (a Jackson of its own, with a mix-in for each event) is a large share of a cold start to load, and of a
 * first invocation. Names are matched in any case, as the events spell some with a capital ({@code Records})
 * or otherwise than their setters ({@code eventSourceARN}); what a class does not know is ignored; an unset
 * field is left out of an answer, as the runtime client leaves it out.
 */
final class LambdaEvents {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private LambdaEvents() {
    }

    static <T> T read(InputStream event, Class<T> type) throws IOException {
        return JSON.readValue(event, type);
    }

    static void write(OutputStream answer, Object value) throws IOException {
        JSON.writeValue(answer, value);
    }

    /** {@code event} written as the runtime hands it over, through the handler's stream, and its answer read: a priming run's invocation. */
    static <T> T through(RequestStreamHandler handler, Object event, Class<T> answer) throws IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), written, null);
        return JSON.readValue(written.toByteArray(), answer);
    }
}
