package inbound.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;

/** What every shape must send with the console's files: their types, and headers that keep the page to itself. */
public final class ConsoleFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleFiles() {
    }

    /**
     * The page, its script and a file it does not have, asked for as a browser would (no token): the page and the
     * script with their types and the headers that keep them from being framed and from loading or reaching
     * anything but their own origin, neither holding the token; 404 {@code not_found} for the other.
     *
     * @param client at the root the console is served under
     */
    public static void assertServedWithTheirHeaders(WebhookClient client, String adminToken) throws IOException {
        HttpResponse<String> page = client.get("/console");
        HttpResponse<String> script = client.get("/console/console.js");
        HttpResponse<String> unknown = client.get("/console/..%2Fapplication.properties");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).doesNotContain(adminToken);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).doesNotContain(adminToken);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
    }
}
