# The FIFO queue between ingest and the worker, and its FIFO dead-letter queue.

locals {
  # SQS's largest message, attributes included; a body that does not fit is stored in the payload
  # bucket (payloads.tf) and queued as a pointer.
  max_message_bytes = 1048576

  # High-throughput FIFO: deduplication and the throughput quota per message group instead of per
  # queue. Inbound's deduplication ids come from the provider's delivery id and a delivery always
  # lands in the same group, so deduplicating within the group loses nothing.
  fifo_deduplication_scope   = var.high_throughput_fifo ? "messageGroup" : "queue"
  fifo_throughput_limit      = var.high_throughput_fifo ? "perMessageGroupId" : "perQueue"
  longest_retention_seconds  = 1209600
  visibility_timeout_seconds = 6 * var.lambda_timeout_seconds.worker
}

resource "aws_sqs_queue" "events" {
  name       = local.queue_name
  fifo_queue = true
  # Inbound sets every message's deduplication id itself (from the provider's delivery id).
  content_based_deduplication = false
  deduplication_scope         = local.fifo_deduplication_scope
  fifo_throughput_limit       = local.fifo_throughput_limit
  max_message_size            = local.max_message_bytes
  message_retention_seconds   = var.queue_message_retention_seconds
  sqs_managed_sse_enabled     = true

  # AWS's recommendation for a queue that feeds Lambda: at least six times the function's timeout,
  # so that a batch is not handed out again while the worker (and Lambda's retries of a throttled
  # invocation) may still be working on it.
  visibility_timeout_seconds = local.visibility_timeout_seconds

  # The worker moves an event to the dead-letter queue itself on its receive number
  # queue_max_receive_count (INBOUND_QUEUE_MAX_RECEIVE_COUNT); the redrive, set above it, is a backstop
  # for a message the worker never got to finish (as the embedded queue's, QueueSettings).
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letters.arn
    maxReceiveCount     = var.queue_max_receive_count * 2
  })

  tags = local.tags
}

resource "aws_sqs_queue" "dead_letters" {
  name                        = local.dead_letter_queue_name
  fifo_queue                  = true
  content_based_deduplication = false
  deduplication_scope         = local.fifo_deduplication_scope
  fifo_throughput_limit       = local.fifo_throughput_limit
  max_message_size            = local.max_message_bytes
  sqs_managed_sse_enabled     = true

  # A dead letter waits for an operator: keep it as long as SQS allows.
  message_retention_seconds = local.longest_retention_seconds

  # The default hold of a received dead letter. The replay function sets its own: a minute while it
  # looks through the queue, and for a direct replay, as long as it may wait for the worker.
  visibility_timeout_seconds = var.lambda_timeout_seconds.replay

  tags = local.tags
}

# Only the main queue may use the dead-letter queue as its redrive target.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letters" {
  queue_url = aws_sqs_queue.dead_letters.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.events.arn]
  })
}
