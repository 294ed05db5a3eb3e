package inbound.signature;

import java.util.Map;
import java.util.TreeMap;

/** The parts of a request a signature can cover: its headers, its query string and its exact raw body. */
public interface SignedRequest {

    /** The header's value, or null when absent; names are matched case-insensitively. */
    String header(String name);

    /** The raw query string (without '?'), or null when the request has none. */
    String query();

    byte[] body();

    /** A request made of these parts; header names are matched case-insensitively. */
    static SignedRequest of(Map<String, String> headers, String query, byte[] body) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return new SignedRequest() {
            @Override
            public String header(String name) {
                return byName.get(name);
            }

            @Override
            public String query() {
                return query;
            }

            @Override
            public byte[] body() {
                return body;
            }
        };
    }
}
