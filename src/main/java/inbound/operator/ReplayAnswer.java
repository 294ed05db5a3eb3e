package inbound.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.deadletter.ReplayResult;
import inbound.support.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes what a replay did ({@code ReplayResult} or {@code DirectReplayOutcome}) as the JSON answer; a
 * replay that stopped at its time limit says in words that more may remain.
 */
public final class ReplayAnswer implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object result = exchange.getMessage().getBody();
        ObjectNode answer = OperatorJson.JSON.valueToTree(result);
        if (result instanceof ReplayResult replay && !replay.complete()) {
            answer.put("message", "The replay stopped at its time limit (inbound.dlq.visit-limit-ms); more dead letters may match: run it again.");
        }
        JsonAnswers.answer(exchange, 200, answer);
    }
}
