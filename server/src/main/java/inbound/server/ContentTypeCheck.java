package inbound.server;

import inbound.support.Refusal;
import io.vertx.core.http.HttpHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * platform-http reads a webhook's Content-Type with Vert.x's header parser before any route runs, and
 * that parser throws on some malformed values (a parameter that is a lone quote), which Vert.x answers
 * 500 in plain text. This handler runs first and answers a Content-Type that is not a well-formed media
 * type (RFC 9110: type "/" subtype, then ";"-separated name=value parameters, a value a token or a
 * quoted string) with 400 as JSON. No provider sends such a value; a request without one goes on.
 */
public final class ContentTypeCheck extends OnceAtStart {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final int httpPort;

    public ContentTypeCheck(int httpPort) {
        this.httpPort = httpPort;
    }

    @Override
    void started(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        router.route("/webhooks/*").order(Integer.MIN_VALUE).handler(routing -> {
            String contentType = routing.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (contentType == null || isWellFormed(contentType)) {
                routing.next();
            } else {
                VertxJsonError.end(routing.response(), new Refusal(400, "invalid_content_type", "The Content-Type header is not a well-formed media type."));
            }
        });
    }

    static boolean isWellFormed(String mediaType) {
        Scanner scanner = new Scanner(mediaType);
        if (!scanner.token() || !scanner.take('/') || !scanner.token()) {
            return false;
        }
        while (true) {
            scanner.whitespace();
            if (scanner.atEnd()) {
                return true;
            }
            if (!scanner.take(';')) {
                return false;
            }
            scanner.whitespace();
            if (scanner.atEnd() || scanner.peek(';')) {
                // an empty parameter, which RFC 9110 allows
                continue;
            }
            if (!scanner.token() || !scanner.take('=') || !(scanner.token() || scanner.quotedString())) {
                return false;
            }
        }
    }

    /** Reads a header value left to right, once. */
    private static final class Scanner {

        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at == text.length();
        }

        boolean peek(char expected) {
            return !atEnd() && text.charAt(at) == expected;
        }

        boolean take(char expected) {
            if (peek(expected)) {
                at++;
                return true;
            }
            return false;
        }

        void whitespace() {
            while (peek(' ') || peek('\t')) {
                at++;
            }
        }

        boolean token() {
            int start = at;
            while (!atEnd() && isTokenChar(text.charAt(at))) {
                at++;
            }
            return at > start;
        }

        boolean quotedString() {
            if (!take('"')) {
                return false;
            }
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return true;
                }
                if (c == '\\') {
                    if (atEnd()) {
                        return false;
                    }
                    at++;
                }
            }
            return false;
        }

        private static boolean isTokenChar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0);
        }
    }
}
