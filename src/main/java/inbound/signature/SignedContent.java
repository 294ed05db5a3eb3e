package inbound.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a generic HMAC provider signs, as a template: {@code {body}} is the raw body, {@code {timestamp}}
 * the timestamp header's value, {@code {header:Name}} any header's value, everything else literal text.
 * E.g. Slack: {@code v0:{timestamp}:{body}}.
 */
public final class SignedContent {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(body|timestamp|header:[^}]+)}");

    private final List<String> parts;

    private SignedContent(List<String> parts) {
        this.parts = parts;
    }

    public static SignedContent parse(String template) {
        List<String> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        while (matcher.find()) {
            if (matcher.start() > literalStart) {
                parts.add("=" + template.substring(literalStart, matcher.start()));
            }
            parts.add(matcher.group(1));
            literalStart = matcher.end();
        }
        if (literalStart < template.length()) {
            parts.add("=" + template.substring(literalStart));
        }
        if (!parts.contains("body")) {
            throw new IllegalArgumentException("the signed content must contain {body}");
        }
        return new SignedContent(List.copyOf(parts));
    }

    public boolean usesTimestamp() {
        return parts.contains("timestamp");
    }

    /** The pieces to MAC, in order; null when a header the template names is missing. */
    byte[][] render(SignedRequest request, String timestamp) {
        byte[][] pieces = new byte[parts.size()][];
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String text;
            if (part.equals("body")) {
                pieces[i] = request.body();
                continue;
            } else if (part.equals("timestamp")) {
                text = timestamp;
            } else if (part.startsWith("header:")) {
                text = request.header(part.substring("header:".length()));
            } else {
                text = part.substring(1);
            }
            if (text == null) {
                return null;
            }
            pieces[i] = text.getBytes(StandardCharsets.UTF_8);
        }
        return pieces;
    }
}
