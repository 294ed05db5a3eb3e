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

    /**
     * name=value pairs joined by '&', every percent-escape complete: what ingest accepts and the worker reads as a form.
     * A non-empty name, one '=', a value that may be empty; no whitespace. Read in one pass: a regular
     * expression with a repeated group recurses once per pair, and a body of many pairs overflows the stack.
     */
    public static boolean isWellFormed(String body) {
        if (!pairsAreWellFormed(body)) {
            return false;
        }
        try {
            parse(body.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IllegalArgumentException badEscape) {
            return false;
        }
    }

    private static boolean pairsAreWellFormed(String body) {
        boolean inName = true;
        boolean nameEmpty = true;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            } else if (c == '&') {
                if (inName) {
                    return false;
                }
                inName = true;
                nameEmpty = true;
            } else if (c == '=' && inName) {
                if (nameEmpty) {
                    return false;
                }
                inName = false;
            } else if (inName) {
                nameEmpty = false;
            }
        }
        return !inName;
    }

    public static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Whether a query (form encoding) has a parameter called {@code name}, in any case; true when it cannot
     * be read. The server shape's HTTP component puts query parameters among a message's headers: a header
     * the query names may not have come from a header at all.
     */
    public static boolean namesParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        try {
            return parse(query.getBytes(StandardCharsets.UTF_8)).keySet().stream().anyMatch(name::equalsIgnoreCase);
        } catch (IllegalArgumentException badEscape) {
            return true;
        }
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
