package inbound.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import inbound.deadletter.ReplayResult;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A replay's answer says whether it looked at everything, and in words when it did not. */
class ReplayAnswerTest {

    private static JsonNode answer(ReplayResult result) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(result);
        new ReplayAnswer().process(exchange);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        return OperatorJson.JSON.readTree(exchange.getMessage().getBody(String.class));
    }

    @Test
    void shouldSayThatMoreMayMatchWhenTheReplayStoppedAtItsTimeLimit() throws Exception {
        JsonNode stopped = answer(new ReplayResult(20, 20, false, false));

        assertThat(stopped.path("complete").asBoolean(true)).isFalse();
        assertThat(stopped.path("moved").asInt()).isEqualTo(20);
        assertThat(stopped.path("message").asText()).contains("time limit", "run it again");
    }

    @Test
    void shouldSayNothingMoreWhenTheReplayLookedAtEverything() throws Exception {
        JsonNode done = answer(new ReplayResult(3, 3, false, true));

        assertThat(done.path("complete").asBoolean(false)).isTrue();
        assertThat(done.has("message")).isFalse();
    }
}
