package inbound.operator;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Writes what a replay did ({@code ReplayResult} or {@code DirectReplayOutcome}) as the JSON answer. */
public final class ReplayAnswer implements Processor {

    @Override
    public void process(Exchange exchange) {
        OperatorJson.answer(exchange, 200, OperatorJson.JSON.valueToTree(exchange.getMessage().getBody()));
    }
}
