package inbound.signature;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reading {@code application/x-www-form-urlencoded} bodies, for the providers that post forms (Twilio, Slack commands). */
public final class FormBodies {

    private FormBodies() {
    }

    private static final Pattern WELL_FORMED = Pattern.compile("[^=&\\s]+=[^&\\s]*(&[^=&\\s]+=[^&\\s]*)*");

    /** name=value pairs joined by '&', every percent-escape complete: what ingest accepts and the worker reads as a form. */
    public static boolean isWellFormed(String body) {
        if (!WELL_FORMED.matcher(body).matches()) {
            return false;
        }
        try {
            parse(body.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IllegalArgumentException badEscape) {
            return false;
        }
    }

    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * The parameters by name (sorted), each with its values in body order.
     *
     * @throws IllegalArgumentException when the body is not valid form encoding
     */
    public static Map<String, List<String>> parse(byte[] body) {
        Map<String, List<String>> parameters = new TreeMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return parameters;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }
}
