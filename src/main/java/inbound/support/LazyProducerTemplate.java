package inbound.support;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/**
 * A producer template made on first use, from the context it is asked for: the steps that send with one
 * are built before the CamelContext they run in. The context stops the template with itself.
 */
public final class LazyProducerTemplate {

    private ProducerTemplate template;

    public synchronized ProducerTemplate in(CamelContext context) {
        if (template == null) {
            template = context.createProducerTemplate();
        }
        return template;
    }
}
