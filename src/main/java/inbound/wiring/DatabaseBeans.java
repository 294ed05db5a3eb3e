package inbound.wiring;

import inbound.secrets.SecretValues;
import inbound.store.EventStore;
import inbound.store.H2Checkpoint;
import inbound.store.LazyDatabase;
import inbound.store.StatusListener;
import inbound.support.Flush;
import inbound.support.StopsWithContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The database and the event store on it, bound as {@code dataSource}, {@code eventStore} and
 * {@code databaseFlush}; its password is the secret {@code inbound.db.password}. A {@code statusListener}
 * bound before is told of each status the store writes.
 */
public class DatabaseBeans implements CamelConfiguration {

    private final DatabaseSettings database;

    public DatabaseBeans(DatabaseSettings database) {
        this.database = database;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Registry registry = context.getRegistry();
        SecretValues secrets = SecretValues.of(context);
        LazyDatabase dataSource = StopsWithContext.closeOnStop(context, new LazyDatabase(database.url(),
                database.user(), () -> secrets.value("inbound.db.password").orElse(""), database.timeouts(), database.poolSize()));
        if (database.connectAtStart()) {
            dataSource.prepare();
        }
        StatusListener listener = registry.lookupByNameAndType("statusListener", StatusListener.class);
        registry.bind("dataSource", dataSource);
        registry.bind("eventStore", new EventStore(dataSource, listener == null ? StatusListener.NONE : listener));
        registry.bind("databaseFlush", H2Checkpoint.forDatabase(database.url(), dataSource, "the database"));
    }
}
