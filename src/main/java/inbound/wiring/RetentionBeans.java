package inbound.wiring;

import inbound.store.EventStore;
import inbound.worker.RetentionPurge;
import java.time.Clock;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** After {@link DatabaseBeans}: the purge of the retention route, bound as {@code retentionPurge}. */
public class RetentionBeans implements CamelConfiguration {

    private final RetentionSettings settings;

    public RetentionBeans(RetentionSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) {
        EventStore store = context.getRegistry().lookupByNameAndType("eventStore", EventStore.class);
        context.getRegistry().bind("retentionPurge", new RetentionPurge(store, Clock.systemUTC(), settings.retention(), settings.batchSize()));
    }
}
