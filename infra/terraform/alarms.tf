# What an operator must hear about: dead letters waiting, a queue falling behind, ingest answering
# 5xx, a failing worker, any throttled function. Each alarm names the section of the runbook
# (docs/operating.md) that says what to do. They notify alarm_sns_topic_arn, or a topic of their own
# (with an optional e-mail subscription).

resource "aws_sns_topic" "alarms" {
  # Not encrypted with the AWS-managed key alias/aws/sns: its policy cannot be edited to let
  # CloudWatch publish, and an alarm action on such a topic fails without a word. The messages are
  # alarm states, not event data.
  count = var.alarm_sns_topic_arn == null ? 1 : 0
  name  = "${var.name_prefix}-alarms"

  tags = local.tags
}

resource "aws_sns_topic_subscription" "alarm_email" {
  # only to the alarms' own topic: a topic given by alarm_sns_topic_arn is its owner's to subscribe to
  count     = var.alarm_email != null && var.alarm_sns_topic_arn == null ? 1 : 0
  topic_arn = local.alarm_topic_arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

locals {
  alarm_topic_arn = var.alarm_sns_topic_arn == null ? aws_sns_topic.alarms[0].arn : var.alarm_sns_topic_arn
  alarm_actions   = [local.alarm_topic_arn]
  runbook         = "Runbook: docs/operating.md#runbook-"
}

resource "aws_cloudwatch_metric_alarm" "dead_letters_waiting" {
  alarm_name        = "${var.name_prefix}-dead-letters-waiting"
  alarm_description = "Events are in ${local.dead_letter_queue_name}: fix the cause, then replay them with the ${local.function_name.replay} function. ${local.runbook}dead-letters-waiting"
  namespace         = "AWS/SQS"
  metric_name       = "ApproximateNumberOfMessagesVisible"
  dimensions = {
    QueueName = aws_sqs_queue.dead_letters.name
  }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  # An empty, idle queue may stop reporting: that is the good state.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "queue_falling_behind" {
  alarm_name        = "${var.name_prefix}-queue-falling-behind"
  alarm_description = "The oldest event in ${local.queue_name} has waited over ${var.queue_age_alarm_threshold_seconds} s: the worker is failing, throttled or too slow. ${local.runbook}queue-falling-behind"
  namespace         = "AWS/SQS"
  metric_name       = "ApproximateAgeOfOldestMessage"
  dimensions = {
    QueueName = aws_sqs_queue.events.name
  }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.queue_age_alarm_threshold_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = local.tags
}

locals {
  function_alarms = merge(
    {
      # Invocations of the worker that failed as a whole (an exception escaped, a timeout): the batch comes back.
      worker_errors = { function = "worker", metric = "Errors", runbook = "worker-errors" }
      # Runs of the retention function that failed: processed events pile up in the database until one succeeds.
      retention_errors = { function = "retention", metric = "Errors", runbook = "retention-errors" }
    },
    # Invocations Lambda refused for lack of concurrency: events wait in the queue, webhooks are refused,
    # or the console does not answer. Every function deployed, the console's too when it is on.
    { for key in keys(local.lambda_functions) : format("%s_throttles", key) => { function = key, metric = "Throttles", runbook = "throttled-functions" } },
  )
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each = local.function_alarms

  alarm_name        = "${local.function_name[each.value.function]}-${lower(each.value.metric)}"
  alarm_description = "The ${local.function_name[each.value.function]} function reports ${each.value.metric}. ${local.runbook}${each.value.runbook}"
  namespace         = "AWS/Lambda"
  metric_name       = each.value.metric
  dimensions = {
    FunctionName = aws_lambda_function.function[each.value.function].function_name
  }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "ingest_5xx" {
  alarm_name        = "${var.name_prefix}-ingest-5xx"
  alarm_description = "API Gateway answered more than ${var.ingest_5xx_alarm_threshold} webhooks with 5xx in 5 minutes (queue_busy, queue_unavailable, internal_error): providers are retrying. ${local.runbook}ingest-answering-5xx"
  namespace         = "AWS/ApiGateway"
  metric_name       = "5XXError"
  dimensions = {
    ApiName = aws_api_gateway_rest_api.webhooks.name
    Stage   = aws_api_gateway_stage.live.stage_name
  }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.ingest_5xx_alarm_threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  tags = local.tags
}
