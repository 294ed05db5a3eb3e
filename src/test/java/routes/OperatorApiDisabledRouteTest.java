package routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The operator API routes with no {@code inbound.admin.token} set: every request refused, whatever it presents. */
class OperatorApiDisabledRouteTest extends OperatorApiRouteTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected Properties overrides() {
        return new Properties();
    }

    @Test
    void shouldRefuseEveryRouteSayingTheApiIsDisabled() throws Exception {
        for (String route : ROUTES) {
            for (String authorization : new String[] {null, "Bearer ", "Bearer anything"}) {
                Exchange answer = template.send("direct:" + route, exchange -> {
                    exchange.getMessage().setHeader("Authorization", authorization);
                    exchange.getMessage().setHeader("id", "e-1");
                    exchange.getMessage().setHeader("mode", "direct");
                    exchange.getMessage().setBody("{\"all\": true}");
                });

                assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).as(route).isEqualTo(401);
                JsonNode body = JSON.readTree(answer.getMessage().getBody(String.class));
                assertThat(body.path("error").asText()).isEqualTo("unauthorized");
                assertThat(body.path("message").asText()).contains("disabled", "INBOUND_ADMIN_TOKEN");
            }
        }
        assertNothingReplayed();
    }
}
