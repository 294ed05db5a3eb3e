# The four functions of the Lambda shape, all from the one zip that `mvn package` builds.

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.lambda_functions

  # Lambda's default log group name: created here first so it has a retention and the role's log
  # permissions can name it exactly.
  name              = "/aws/lambda/${local.function_name[each.key]}"
  retention_in_days = var.log_retention_days

  tags = local.tags
}

resource "aws_lambda_function" "function" {
  for_each = local.lambda_functions

  function_name    = local.function_name[each.key]
  description      = each.value.description
  role             = aws_iam_role.function[each.key].arn
  filename         = local.lambda_zip_path
  source_code_hash = filebase64sha256(local.lambda_zip_path)
  runtime          = "java21"
  architectures    = var.architectures
  handler          = each.value.handler
  memory_size      = each.value.memory_mb
  timeout          = each.value.timeout_s

  # SnapStart snapshots published versions only; the alias below follows the newest one.
  publish = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  # Lambda's advanced logging controls: its own lines (START, REPORT, ...) as JSON too, and lines below INFO
  # dropped. Inbound writes JSON lines of its own (INBOUND_LOG_FORMAT is json here by default); its metric
  # lines carry no level and count as INFO, so a higher application level would drop the metrics.
  logging_config {
    log_format            = "JSON"
    application_log_level = "INFO"
    system_log_level      = "INFO"
  }

  # With active tracing each invocation records an X-Ray segment, and the trace continues through the queue
  # (the message's AWSTraceHeader) into the worker's invocation; off, Lambda passes on a trace it is given.
  tracing_config {
    mode = var.active_tracing ? "Active" : "PassThrough"
  }

  environment {
    variables = each.value.environment
  }

  dynamic "vpc_config" {
    for_each = each.value.in_vpc ? [true] : []

    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = (length(var.vpc_subnet_ids) > 0) == (length(var.vpc_security_group_ids) > 0)
      error_message = "Set vpc_subnet_ids and vpc_security_group_ids together, or neither."
    }
  }

  # The log group must exist before the first log line, and the role's permissions before the
  # first invocation (a SnapStart version is initialised when it is published).
  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function, aws_iam_role_policy.write_traces]
}

resource "aws_lambda_alias" "live" {
  for_each = local.lambda_functions

  name             = local.live_alias_name
  description      = "The newest published version; what API Gateway and the queue invoke"
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version
}

resource "aws_lambda_permission" "api_gateway_invokes_ingest" {
  statement_id  = "AllowApiGatewayPostWebhook"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["ingest"].function_name
  qualifier     = aws_lambda_alias.live["ingest"].name
  principal     = "apigateway.amazonaws.com"
  # Any stage, POST, any provider under /webhooks/: a wildcard for the path parameter matches
  # whether API Gateway names the resource by its template or by the request's path.
  source_arn = "${aws_api_gateway_rest_api.webhooks.execution_arn}/*/${aws_api_gateway_method.post_webhook.http_method}/${aws_api_gateway_resource.webhooks.path_part}/*"
}

resource "aws_lambda_permission" "api_gateway_invokes_authorizer" {
  count = var.enable_authorizer ? 1 : 0

  statement_id  = "AllowApiGatewayAuthorizer"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["authorizer"].function_name
  qualifier     = aws_lambda_alias.live["authorizer"].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.webhooks.execution_arn}/authorizers/${aws_api_gateway_authorizer.webhook[0].id}"
}

resource "aws_lambda_event_source_mapping" "queue_to_worker" {
  event_source_arn = aws_sqs_queue.events.arn
  function_name    = aws_lambda_alias.live["worker"].arn
  batch_size       = var.worker_batch_size

  # The worker answers with the records that failed (and the later records of their message
  # groups); only those return to the queue, the rest of the batch is deleted.
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.worker_maximum_concurrency
  }

  tags = local.tags

  # Lambda checks the worker role's SQS permissions when the mapping is created.
  depends_on = [aws_iam_role_policy.function]
}

# The console's routes only, each with its method and path (local.console_routes, api.tf).
resource "aws_lambda_permission" "api_gateway_invokes_console" {
  for_each = local.console_routes

  statement_id  = "AllowApiGateway-${trim(replace(each.key, "/[^A-Za-z]+/", "-"), "-")}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function["console"].function_name
  qualifier     = aws_lambda_alias.live["console"].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.webhooks.execution_arn}/*/${each.value.method}/${each.value.arn_path}"
}
