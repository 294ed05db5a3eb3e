package inbound.worker;

import inbound.queue.SqsHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Keeps order within a message group when the consumer receives several messages at once: once a
 * message of a group failed, the later messages of that group in the same receive are not processed
 * either (and so not deleted), and the queue delivers them again after the failed one, in order.
 * Other groups of the batch go on. A held-back message's receives count as well, but the queue's
 * redrive is set well above the worker's limit, on which the worker dead-letters the failed one: the
 * held-back ones then follow in order, as after a permanent failure. The messages of one receive are
 * processed one after another on the consumer's thread, which is why each receive's {@link FifoBatch}
 * is kept per thread.
 */
public final class GroupHoldBack implements Processor {

    private final ThreadLocal<FifoBatch> thisReceive = ThreadLocal.withInitial(FifoBatch::new);

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(ExchangePropertyKey.BATCH_INDEX, 0, Integer.class) == 0) {
            thisReceive.set(new FifoBatch());
        }
        FifoBatch batch = thisReceive.get();
        String group = exchange.getMessage().getHeader(SqsHeaders.MESSAGE_GROUP_ID, String.class);
        if (group == null) {
            return;
        }
        if (!batch.mayRun(group)) {
            batch.notRun(exchange.getExchangeId(), group);
            throw new HeldBack(group);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onFailure(Exchange failed) {
                batch.ran(failed.getExchangeId(), group, FifoBatch.Outcome.FAILED);
            }
        });
    }

    /** A message held back behind a failed earlier message of its group; it comes again, in order. */
    public static final class HeldBack extends RuntimeException {
        HeldBack(String group) {
            super("held back behind an earlier failed message of group " + group, null, false, false);
        }
    }
}
