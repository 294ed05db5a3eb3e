package inbound.provider;

import com.fasterxml.jackson.databind.JsonNode;

/** What metadata extraction may look at: header values by case-insensitive name and the parsed body. */
public interface RequestView {

    /** The header's value, or null when absent; names are matched case-insensitively. */
    String header(String name);

    /** The JSON body; a missing node when the body is a form. */
    JsonNode json();

    /** The first value of a form body's parameter, or null (also when the body is JSON). */
    String param(String name);
}
