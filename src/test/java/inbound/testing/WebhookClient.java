package inbound.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Sends requests to a running Inbound over HTTP on loopback, as a provider would. */
public final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public WebhookClient(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** @param baseUrl what the paths follow, e.g. {@code http://127.0.0.1:8080} or an API Gateway stage's URL */
    public WebhookClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public HttpResponse<String> post(String provider, byte[] body, Map<String, String> headers) {
        return post(provider, null, body, headers);
    }

    /** A POST to {@code /webhooks/<provider>?<query>} (no query when null). */
    public HttpResponse<String> post(String provider, String query, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/" + provider + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** A GET of the operator API, with its token. */
    public HttpResponse<String> operatorGet(String path, String adminToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken).GET().build());
    }

    /** A POST of JSON to the operator API, with its token. */
    public HttpResponse<String> operatorPost(String path, String json, String adminToken) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
