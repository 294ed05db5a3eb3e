package inbound.signature;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Reading {@code application/x-www-form-urlencoded} bodies, for the providers that post forms (Twilio, Slack commands). */
public final class FormBodies {

    private FormBodies() {
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
