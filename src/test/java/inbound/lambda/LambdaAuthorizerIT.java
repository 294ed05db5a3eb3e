package inbound.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.queue.TraceHeader;
import inbound.testing.lambda.LambdaFunctions;
import inbound.testing.lambda.LocalLambdaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REQUEST authorizer from the built zip, under AWS's runtime interface client: an IAM policy for
 * what the headers can prove, {@code Unauthorized} for what they disprove, Deny for an unknown provider.
 */
class LambdaAuthorizerIT {

    @TempDir
    static Path workDir;

    private static LambdaFunctions functions;
    private static LambdaFunctions.Function authorizer;

    @BeforeAll
    static void startAuthorizer() {
        functions = new LambdaFunctions(workDir);
        authorizer = functions.start("inbound-authorizer", LambdaFunctions.AUTHORIZER, Map.of(
                "INBOUND_PROVIDER_SHOPIFY_SECRET", "local-demo-secret",
                "INBOUND_PROVIDER_GITHUB_API_KEY", "github-api-key"));
    }

    @AfterAll
    static void stop() throws Exception {
        functions.close();
    }

    @Test
    void signatureHeadersOfAKnownProviderGetAnAllowPolicyForTheMethod() throws Exception {
        JsonNode event = LambdaFunctions.sampleEvent("authorizer-shopify.json");

        JsonNode policy = authorizer.invoke(event);

        assertThat(policy.path("principalId").asText()).isEqualTo("shopify");
        JsonNode statement = policy.path("policyDocument").path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").toString()).contains("execute-api:Invoke");
        assertThat(statement.path("Resource").toString()).contains(event.path("methodArn").asText());
    }

    @Test
    void anUnknownProviderGetsADenyPolicy() throws Exception {
        ObjectNode event = (ObjectNode) LambdaFunctions.sampleEvent("authorizer-shopify.json");
        ((ObjectNode) event.path("pathParameters")).put("provider", "nobody");

        JsonNode policy = authorizer.invoke(event);

        assertThat(policy.path("policyDocument").path("Statement").get(0).path("Effect").asText()).isEqualTo("Deny");
    }

    @Test
    void missingSignatureHeadersAStaleTimestampOrAWrongApiKeyAreUnauthorized() throws Exception {
        ObjectNode unsigned = (ObjectNode) LambdaFunctions.sampleEvent("authorizer-shopify.json");
        ((ObjectNode) unsigned.path("headers")).remove("X-Shopify-Hmac-Sha256");
        assertUnauthorized(unsigned);

        ObjectNode staleStripe = (ObjectNode) LambdaFunctions.sampleEvent("authorizer-shopify.json");
        ((ObjectNode) staleStripe.path("pathParameters")).put("provider", "stripe");
        ((ObjectNode) staleStripe.path("headers")).put("Stripe-Signature",
                "t=" + Instant.now().minusSeconds(3600).getEpochSecond() + ",v1=" + "ab".repeat(32));
        assertUnauthorized(staleStripe);

        ObjectNode github = (ObjectNode) LambdaFunctions.sampleEvent("authorizer-shopify.json");
        ((ObjectNode) github.path("pathParameters")).put("provider", "github");
        ((ObjectNode) github.path("headers")).put("X-Hub-Signature-256", "sha256=" + "ab".repeat(32));
        assertUnauthorized(github);

        ((ObjectNode) github.path("headers")).put("X-Inbound-Api-Key", "github-api-key");
        assertThat(authorizer.invoke(github).path("policyDocument").path("Statement").get(0).path("Effect").asText()).isEqualTo("Allow");
        ((ObjectNode) github.path("headers")).remove("X-Inbound-Api-Key");
        ((ObjectNode) github.path("queryStringParameters")).put("inbound_api_key", "github-api-key");
        assertThat(authorizer.invoke(github).path("policyDocument").path("Statement").get(0).path("Effect").asText()).isEqualTo("Allow");
    }

    /** Refused with 401, and its JSON log line says why under the invocation's trace id. */
    private static void assertUnauthorized(ObjectNode event) throws Exception {
        LocalLambdaRuntime.Result result = authorizer.invokeRaw(event);
        assertThat(result.failed()).as(result.payload()).isTrue();
        assertThat(result.payload()).contains("\"errorMessage\":\"Unauthorized\"");
        String traceId = TraceHeader.parse(result.traceHeader()).orElseThrow().traceId();
        await().atMost(Duration.ofSeconds(10)).until(() -> authorizer.logLines().stream()
                .anyMatch(line -> traceId.equals(line.path("traceId").asText(null)) && line.path("message").asText().startsWith("Authorizer refused")));
    }
}
