package inbound.queue;

/**
 * The headers a received SQS message arrives with: what camel-aws2-sqs's consumer sets, and what the
 * worker function and the direct replays set the same way, so the worker reads one set of names. The
 * system attributes keep their SQS names, as they are also the keys of a Lambda SQS event's attributes.
 */
public final class SqsHeaders {

    /** The receipt handle that deletes the message or extends its visibility. */
    public static final String RECEIPT_HANDLE = "CamelAwsSqsReceiptHandle";
    /** The FIFO message group the message was sent in. */
    public static final String MESSAGE_GROUP_ID = "MessageGroupId";
    /** How often the queue has handed the message out, this time included. */
    public static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private SqsHeaders() {
    }
}
