# Retention in the Lambda shape: EventBridge invokes the retention function on var.retention_schedule, and each
# run forgets the events processed more than var.retention_days ago, a batch per transaction. A run that would
# outlast its timeout stops with the rest left for the next run, so the schedule is also its retry.

resource "aws_cloudwatch_event_rule" "retention" {
  name                = "${var.name_prefix}-retention"
  description         = "Runs the Inbound retention function, which forgets the events processed more than ${var.retention_days} days ago"
  schedule_expression = var.retention_schedule

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.retention_days * 86400 >= var.queue_message_retention_seconds
      error_message = "retention_days must be at least the main queue's message retention (queue_message_retention_seconds): a forgotten event could still be delivered again."
    }
  }
}

resource "aws_cloudwatch_event_target" "retention" {
  rule      = aws_cloudwatch_event_rule.retention.name
  target_id = "inbound-retention"
  arn       = aws_lambda_alias.live["retention"].arn
}

resource "aws_lambda_permission" "events_invoke_retention" {
  statement_id  = "AllowEventBridgeRetentionSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["retention"].function_name
  qualifier     = aws_lambda_alias.live["retention"].name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.retention.arn
}

# The next scheduled run is the retry: a run that failed (the database was down) is not run twice more by
# Lambda's asynchronous retries, and a run that waited longer than the schedule's period is dropped.
resource "aws_lambda_function_event_invoke_config" "retention" {
  function_name                = aws_lambda_function.function["retention"].function_name
  qualifier                    = aws_lambda_alias.live["retention"].name
  maximum_retry_attempts       = 0
  maximum_event_age_in_seconds = 3600
}
