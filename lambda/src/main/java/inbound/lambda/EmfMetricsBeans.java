package inbound.lambda;

import inbound.support.PipelineMetrics;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** First of a function's beans: the pipeline's metrics, as {@link EmfLine}s in the function's log. */
final class EmfMetricsBeans implements CamelConfiguration {

    private final EmfLine metrics;

    EmfMetricsBeans(EmfLine metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind(PipelineMetrics.BEAN, metrics);
    }
}
