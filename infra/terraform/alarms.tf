# What an operator must hear about: dead letters waiting, a queue falling behind, a failing or
# throttled worker. Without alarm_sns_topic_arn the alarms still show their state in the console.

locals {
  alarm_actions = var.alarm_sns_topic_arn == null ? [] : [var.alarm_sns_topic_arn]
}

resource "aws_cloudwatch_metric_alarm" "dead_letters_waiting" {
  alarm_name        = "${var.name_prefix}-dead-letters-waiting"
  alarm_description = "Events are in ${local.dead_letter_queue_name}: fix the cause, then replay them with the ${local.function_name.replay} function."
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
  alarm_description = "The oldest event in ${local.queue_name} has waited over ${var.queue_age_alarm_threshold_seconds} s: the worker is failing, throttled or too slow."
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

resource "aws_cloudwatch_metric_alarm" "worker" {
  for_each = {
    # Invocations that failed as a whole (an exception escaped, a timeout): the batch comes back.
    errors = "Errors"
    # Invocations Lambda refused for lack of concurrency: events wait in the queue.
    throttles = "Throttles"
  }

  alarm_name        = "${local.function_name.worker}-${each.key}"
  alarm_description = "The ${local.function_name.worker} function reports ${each.value}."
  namespace         = "AWS/Lambda"
  metric_name       = each.value
  dimensions = {
    FunctionName = aws_lambda_function.function["worker"].function_name
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
