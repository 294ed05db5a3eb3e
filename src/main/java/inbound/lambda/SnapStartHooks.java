package inbound.lambda;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.crac.Context;
import org.crac.Resource;

/**
 * What a SnapStart snapshot must not carry: open database connections (the pool opens fresh ones
 * after restore). The SQS client's pooled HTTP connections are checked by the SDK before reuse and
 * retried when stale; secrets were read at start-up and their client closed; nothing here keeps a
 * random seed of its own (event ids come from the provider's delivery id or the body's hash).
 */
final class SnapStartHooks implements Resource {

    private final CamelContext camel;

    SnapStartHooks(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        HikariDataSource dataSource = camel.getRegistry().lookupByNameAndType("dataSource", HikariDataSource.class);
        if (dataSource != null && dataSource.getHikariPoolMXBean() != null) {
            dataSource.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: the pool connects again on first use
    }
}
