# One page of what the alarms watch, and what explains them: webhooks in and refused, what the worker
# did, both queues, and each function's errors, throttles, duration and cold starts.

locals {
  api_dimensions = ["ApiName", aws_api_gateway_rest_api.webhooks.name, "Stage", aws_api_gateway_stage.live.stage_name]
  # every function deployed, the console's too when it is on
  function_names = [for key in keys(local.lambda_functions) : aws_lambda_function.function[key].function_name]
}

resource "aws_cloudwatch_dashboard" "inbound" {
  dashboard_name = "${var.name_prefix}-inbound"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title  = "Webhooks: requests, 4xx, 5xx (API Gateway)"
          region = local.region
          stat   = "Sum"
          period = 60
          metrics = [
            concat(["AWS/ApiGateway", "Count"], local.api_dimensions),
            concat(["AWS/ApiGateway", "4XXError"], local.api_dimensions),
            concat(["AWS/ApiGateway", "5XXError"], local.api_dimensions),
          ]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "Ingest answers by provider, status and reason"
          region = local.region
          period = 60
          metrics = [
            [{ expression = "SEARCH('{Inbound,provider,status,reason} MetricName=\"inbound_ingest_requests_total\"', 'Sum', 60)", id = "answers" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Worker: processed, dead-lettered, retried per provider"
          region = local.region
          period = 60
          metrics = [
            [{ expression = "SEARCH('{Inbound,provider,outcome} MetricName=\"inbound_worker_events_total\"', 'Sum', 60)", id = "outcomes" }],
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title  = "Queues: depth and age of the oldest message"
          region = local.region
          stat   = "Maximum"
          period = 60
          metrics = [
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.events.name],
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dead_letters.name],
            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.events.name, { yAxis = "right" }],
            ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.dead_letters.name, { yAxis = "right" }],
          ]
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title   = "Functions: errors and throttles"
          region  = local.region
          stat    = "Sum"
          period  = 60
          metrics = concat([for name in local.function_names : ["AWS/Lambda", "Errors", "FunctionName", name]], [for name in local.function_names : ["AWS/Lambda", "Throttles", "FunctionName", name]])
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title   = "Functions: duration p99, and API Gateway latency p99"
          region  = local.region
          stat    = "p99"
          period  = 60
          metrics = concat([for name in local.function_names : ["AWS/Lambda", "Duration", "FunctionName", name]], [concat(["AWS/ApiGateway", "Latency"], local.api_dimensions)])
        }
      },
      {
        type = "log", x = 0, y = 18, width = 24, height = 6
        properties = {
          title  = "Cold starts: restore (SnapStart) and init duration p99 per function, from platform.report lines"
          region = local.region
          query  = "SOURCE ${join(" | SOURCE ", [for key in keys(local.lambda_functions) : "'${aws_cloudwatch_log_group.function[key].name}'"])} | filter type = \"platform.report\" and (ispresent(record.metrics.restoreDurationMs) or ispresent(record.metrics.initDurationMs)) | stats pct(record.metrics.restoreDurationMs, 99) as restore_p99_ms, pct(record.metrics.initDurationMs, 99) as init_p99_ms, count(*) as cold_starts by @log, bin(5m)"
          view   = "table"
        }
      },
    ]
  })
}
