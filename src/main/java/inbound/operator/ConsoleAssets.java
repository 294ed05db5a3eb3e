package inbound.operator;

import inbound.support.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.Exchange;
import java.util.stream.Collectors;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code GET /console} and its few files, served from the jar. They hold no data and need no token: the page
 * asks for the token and sends it with each operator API request from memory only. The headers keep the page
 * from being framed by another site and from loading anything but its own files.
 */
public final class ConsoleAssets implements Processor {

    /** The page itself, at {@code /console}. */
    static final String PAGE = "index.html";
    private static final Map<String, String> TYPES = Map.of(
            PAGE, "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, byte[]> files;

    public ConsoleAssets() {
        files = Map.copyOf(TYPES.keySet().stream().collect(Collectors.toMap(name -> name, ConsoleAssets::read)));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's file console/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String name = message.getHeader("asset", PAGE, String.class);
        byte[] file = files.get(name);
        if (file == null) {
            throw new Refusal(404, "not_found", "The console has no file '" + name + "'.");
        }
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(name));
        message.setHeader("Content-Security-Policy", POLICY);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
        message.setBody(file);
    }
}
