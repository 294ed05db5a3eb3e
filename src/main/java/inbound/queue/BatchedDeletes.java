package inbound.queue;

import inbound.claimcheck.ClaimCheck;
import inbound.claimcheck.PayloadPointer;
import inbound.support.Flush;
import inbound.support.FlushFailed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes the messages of one receive together: one DeleteMessageBatch once the receive's last
 * message is done, for every message the worker finished, instead of one DeleteMessage per message
 * (camel-aws2-sqs's own delete, switched off with {@code deleteAfterRead=false}). Before it, the
 * database is flushed ({@link Flush}): what the worker wrote must outlive a crash before its message
 * goes. A message that failed is not deleted and comes again. A crash before the batch delete only
 * means finished messages come again too, and the worker skips events it already processed. The
 * messages of one receive are handled one after another on the consumer's thread, which is why they
 * are collected per thread. Once a message's delete is durable, the body its event had stored aside is
 * released ({@link ClaimCheck}); a dead-lettered event's is not, as its dead letter still points to it.
 */
public final class BatchedDeletes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedDeletes.class);

    private final ThreadLocal<List<Finished>> finishedOfThisReceive = ThreadLocal.withInitial(ArrayList::new);
    private final SqsClient sqs;
    private final Flush databaseFlush;
    private final QueueUrl queueUrl;
    private final ClaimCheck claimCheck;
    private final Flush queueFlush;

    /** A message the worker is done with, and the stored body to release once it is deleted (null: none). */
    private record Finished(String receiptHandle, PayloadPointer storedBody) {
    }

    /** {@code queueFlush}: what makes the deletes durable, before the bodies they leave behind are released. */
    public BatchedDeletes(SqsClient sqs, Flush databaseFlush, String queueName, ClaimCheck claimCheck, Flush queueFlush) {
        this.sqs = sqs;
        this.databaseFlush = databaseFlush;
        this.queueUrl = new QueueUrl(sqs, queueName);
        this.claimCheck = claimCheck;
        this.queueFlush = queueFlush;
    }

    @Override
    public void process(Exchange exchange) {
        String receiptHandle = exchange.getMessage().getHeader(SqsHeaders.RECEIPT_HANDLE, String.class);
        List<Finished> finished = finishedOfThisReceive.get();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                if (receiptHandle != null) {
                    finished.add(new Finished(receiptHandle, done.getProperty(ClaimCheck.POINTER_PROPERTY, PayloadPointer.class)));
                }
                deleteIfLastOfReceive(done, finished);
            }

            @Override
            public void onFailure(Exchange failed) {
                deleteIfLastOfReceive(failed, finished);
            }
        });
    }

    private void deleteIfLastOfReceive(Exchange exchange, List<Finished> finished) {
        if (!exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, true, Boolean.class) || finished.isEmpty()) {
            return;
        }
        List<Finished> handles = new ArrayList<>(finished);
        finished.clear();
        try {
            databaseFlush.flush();
        } catch (FlushFailed notDurable) {
            LOG.warn("{}; {} finished messages are not deleted and come again", notDurable.getMessage(), handles.size());
            return;
        }
        for (int start = 0; start < handles.size(); start += 10) {
            delete(handles.subList(start, Math.min(handles.size(), start + 10)));
        }
    }

    private void delete(List<Finished> handles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(handles.get(i).receiptHandle()).build());
        }
        DeleteMessageBatchResponse response;
        try {
            response = sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl.get()).entries(entries).build());
        } catch (SdkException e) {
            LOG.warn("Finished messages could not be deleted; they come again and are skipped as duplicates: {}", e.getMessage());
            return;
        }
        Set<String> notDeleted = new HashSet<>();
        if (response.hasFailed() && !response.failed().isEmpty()) {
            LOG.warn("{} of {} finished messages could not be deleted; they come again and are skipped as duplicates: {}",
                    response.failed().size(), handles.size(), response.failed().get(0).message());
            response.failed().forEach(failed -> notDeleted.add(failed.id()));
        }
        if (handles.stream().allMatch(handle -> handle.storedBody() == null)) {
            return;
        }
        try {
            // a message whose delete a crash undid comes again: its body must still be there
            queueFlush.flush();
        } catch (FlushFailed notDurable) {
            LOG.warn("{}; the stored payloads of {} deleted messages are kept", notDurable.getMessage(), handles.size());
            return;
        }
        for (int i = 0; i < handles.size(); i++) {
            PayloadPointer storedBody = handles.get(i).storedBody();
            if (storedBody != null && !notDeleted.contains(String.valueOf(i))) {
                claimCheck.release(storedBody);
            }
        }
    }
}
