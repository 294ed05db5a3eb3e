package inbound.worker;

import inbound.queue.EventAttributes;
import inbound.store.EventStatus;
import inbound.store.EventStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps order within a message group when the consumer receives several messages at once: once a
 * message of a group failed, the later messages of that group in the same receive are not processed
 * either (and so not deleted), and the queue delivers them again after the failed one, in order.
 * Other groups of the batch go on. The messages of one receive are processed one after another on
 * the consumer's thread, which is why the failed groups are kept per thread and per batch.
 */
public final class GroupHoldBack implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(GroupHoldBack.class);

    private final ThreadLocal<Set<String>> failedGroupsOfThisBatch = ThreadLocal.withInitial(HashSet::new);
    private final EventStore store;
    private final Clock clock;
    private final int maxReceiveCount;

    public GroupHoldBack(EventStore store, Clock clock, int maxReceiveCount) {
        this.store = store;
        this.clock = clock;
        this.maxReceiveCount = maxReceiveCount;
    }

    @Override
    public void process(Exchange exchange) {
        Set<String> failedGroups = failedGroupsOfThisBatch.get();
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            failedGroups.clear();
        }
        String group = exchange.getMessage().getHeader(QueuedEventReader.GROUP_ID_HEADER, String.class);
        if (group == null) {
            return;
        }
        if (failedGroups.contains(group)) {
            recordIfLastReceive(exchange, group);
            throw new HeldBack(group);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                failedGroups.add(group);
            }
        });
    }

    /**
     * A held-back message is received (and counted) with its group's failed one each time; on its last
     * receive the queue's redrive policy moves it to the dead-letter queue too, so its status says so.
     */
    private void recordIfLastReceive(Exchange exchange, String group) {
        int receiveCount = exchange.getMessage().getHeader(QueuedEventReader.RECEIVE_COUNT_HEADER, 1, Integer.class);
        String eventId = exchange.getMessage().getHeader(EventAttributes.EVENT_ID, String.class);
        String provider = exchange.getMessage().getHeader(EventAttributes.PROVIDER, String.class);
        if (receiveCount < maxReceiveCount || eventId == null || provider == null) {
            return;
        }
        try {
            store.saveStatus(new EventStatus(eventId, provider, exchange.getMessage().getHeader(EventAttributes.TOPIC, String.class), group,
                    null, EventStatus.DEAD_LETTERED, "held_back",
                    "Moved to the dead-letter queue with an earlier message of its group that kept failing; replay them in order.",
                    "process", receiveCount, exchange.getMessage().getHeader(EventAttributes.REPLAY_COUNT, 0, Integer.class), clock.instant()));
        } catch (SQLException unavailable) {
            LOG.debug("Could not record that event {} was held back", eventId, unavailable);
        }
    }

    /** A message held back behind a failed earlier message of its group; it comes again, in order. */
    public static final class HeldBack extends RuntimeException {
        HeldBack(String group) {
            super("held back behind an earlier failed message of group " + group, null, false, false);
        }
    }
}
