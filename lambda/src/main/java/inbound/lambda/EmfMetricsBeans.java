package inbound.lambda;

import inbound.support.PipelineMetrics;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** First of a function's beans: the pipeline's metrics, as {@link EmfLine}s in the function's log. */
final class EmfMetricsBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind(PipelineMetrics.BEAN, new EmfLine(System.out, Clock.systemUTC()));
    }
}
