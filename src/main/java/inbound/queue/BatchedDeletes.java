package inbound.queue;

import inbound.support.Flush;
import inbound.support.FlushFailed;
import java.util.ArrayList;
import java.util.List;
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
 * are collected per thread.
 */
public final class BatchedDeletes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedDeletes.class);

    private final ThreadLocal<List<String>> finishedOfThisReceive = ThreadLocal.withInitial(ArrayList::new);
    private final SqsClient sqs;
    private final Flush databaseFlush;
    private final QueueUrl queueUrl;

    public BatchedDeletes(SqsClient sqs, Flush databaseFlush, String queueName) {
        this.sqs = sqs;
        this.databaseFlush = databaseFlush;
        this.queueUrl = new QueueUrl(sqs, queueName);
    }

    @Override
    public void process(Exchange exchange) {
        String receiptHandle = exchange.getMessage().getHeader(SqsHeaders.RECEIPT_HANDLE, String.class);
        List<String> finished = finishedOfThisReceive.get();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange done) {
                if (receiptHandle != null) {
                    finished.add(receiptHandle);
                }
                deleteIfLastOfReceive(done, finished);
            }

            @Override
            public void onFailure(Exchange failed) {
                deleteIfLastOfReceive(failed, finished);
            }
        });
    }

    private void deleteIfLastOfReceive(Exchange exchange, List<String> finished) {
        if (!exchange.getProperty(ExchangePropertyKey.BATCH_COMPLETE, true, Boolean.class) || finished.isEmpty()) {
            return;
        }
        List<String> handles = new ArrayList<>(finished);
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

    private void delete(List<String> handles) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i)).receiptHandle(handles.get(i)).build());
        }
        try {
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(DeleteMessageBatchRequest.builder().queueUrl(queueUrl.get()).entries(entries).build());
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.warn("{} of {} finished messages could not be deleted; they come again and are skipped as duplicates: {}",
                        response.failed().size(), handles.size(), response.failed().get(0).message());
            }
        } catch (SdkException e) {
            LOG.warn("Finished messages could not be deleted; they come again and are skipped as duplicates: {}", e.getMessage());
        }
    }
}
