# The claim check's bucket: a webhook body too large for a queue message is stored here by the ingest
# function before its 202 (INBOUND_CLAIM_CHECK_BUCKET) and queued as a pointer; the worker reads it back
# and removes it once the event is processed, and a dead-lettered event keeps it until a replay of it is.

locals {
  # An object is needed while its event waits in the queue and then in the dead-letter queue, each for
  # at most its retention, counted from the upload; a day more for S3, which expires objects in the day
  # after they are due. A body left behind (its queue write failed, so the provider sent it again) goes
  # by the same rule. A dead letter replayed to the queue after this long finds its body gone and is
  # dead-lettered again as payload_unavailable.
  payload_expiration_days = ceil((var.queue_message_retention_seconds + local.longest_retention_seconds) / 86400) + 1
}

resource "aws_s3_bucket" "payloads" {
  # Globally unique: the prefix, and a suffix S3 makes up (name_prefix is short enough for its 37 characters).
  bucket_prefix = "${var.name_prefix}-payloads-"

  tags = local.tags
}

resource "aws_s3_bucket_public_access_block" "payloads" {
  bucket = aws_s3_bucket.payloads.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Encrypted at rest with keys S3 manages, as the queues are with SQS's: no key policy to keep.
resource "aws_s3_bucket_server_side_encryption_configuration" "payloads" {
  bucket = aws_s3_bucket.payloads.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "payloads" {
  bucket = aws_s3_bucket.payloads.id

  rule {
    id     = "expire-after-the-queues-retention"
    status = "Enabled"

    filter {}

    expiration {
      days = local.payload_expiration_days
    }

    # Inbound uploads with one PutObject; nothing else should leave parts behind.
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

# Refuses every request that does not come over TLS, whoever makes it.
data "aws_iam_policy_document" "payloads_bucket" {
  statement {
    sid       = "DenyRequestsWithoutTls"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.payloads.arn, "${aws_s3_bucket.payloads.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "payloads" {
  bucket = aws_s3_bucket.payloads.id
  policy = data.aws_iam_policy_document.payloads_bucket.json

  # S3 refuses a bucket policy while the public access block is being set.
  depends_on = [aws_s3_bucket_public_access_block.payloads]
}
