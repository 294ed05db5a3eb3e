# One role per function, each allowed only the actions its code performs on only the resources it
# touches. Every permission is written as an aws_iam_policy_document statement (no inline JSON), so
# the wiring test sees them all.

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    sid     = "LambdaAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.lambda_functions

  name               = "${local.function_name[each.key]}-lambda"
  description        = "Execution role of the Inbound ${each.key} function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json

  tags = local.tags
}

# Its own log group only. No logs:CreateLogGroup: lambda.tf creates the group.
data "aws_iam_policy_document" "function_logs" {
  for_each = local.lambda_functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }
}

data "aws_iam_policy_document" "read_provider_secrets" {
  statement {
    sid       = "ReadProviderSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.provider_secret_arns
  }
}

# The authorizer's share: the API keys only (no statement at all when no provider has one).
data "aws_iam_policy_document" "read_provider_api_keys" {
  dynamic "statement" {
    for_each = length(aws_secretsmanager_secret.provider_api_key) > 0 ? ["api-keys"] : []
    content {
      sid       = "ReadProviderApiKeys"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for secret in aws_secretsmanager_secret.provider_api_key : secret.arn]
    }
  }
}

data "aws_iam_policy_document" "read_database_password" {
  statement {
    sid       = "ReadDatabasePassword"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.database_password.arn]
  }
}

# The claim check's bucket (payloads.tf): ingest stores, the others read and, once an event is
# processed, remove; objects only. ListBucket, on the bucket itself, is there for its answer: without
# it S3 answers a missing key 403 instead of 404, and a body already removed (a processed event's
# record delivered again, a dead letter whose body expired) would read as a failure instead of as gone.
data "aws_iam_policy_document" "store_payloads" {
  statement {
    sid       = "StorePayloads"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.payloads.arn}/*"]
  }
}

data "aws_iam_policy_document" "read_payloads" {
  statement {
    sid       = "ReadPayloads"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.payloads.arn}/*"]
  }

  statement {
    sid       = "TellMissingPayloads"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.payloads.arn]
  }
}

data "aws_iam_policy_document" "remove_processed_payloads" {
  statement {
    sid       = "RemoveProcessedPayloads"
    actions   = ["s3:DeleteObject"]
    resources = ["${aws_s3_bucket.payloads.arn}/*"]
  }
}

# Attaching a function to a VPC: Lambda creates and deletes its network interfaces with the
# function's role. The one exception to "no * resource for a write action": these EC2 actions do
# not take a resource ARN Lambda could be limited to (DescribeNetworkInterfaces works only on *),
# and they manage network plumbing, not Inbound's data. AWS's AWSLambdaVPCAccessExecutionRole grants
# the same. The wiring test allows exactly these actions on *, nothing else.
data "aws_iam_policy_document" "vpc_network_interfaces" {
  statement {
    sid = "ManageVpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DeleteNetworkInterface",
    ]
    resources = ["*"]
  }
}

locals {
  vpc_policy_documents = local.in_vpc ? [data.aws_iam_policy_document.vpc_network_interfaces.json] : []
}

# Authorizer: checks provider, API key and signature headers; no queue access, no signing secret.
data "aws_iam_policy_document" "authorizer" {
  source_policy_documents = [
    data.aws_iam_policy_document.function_logs["authorizer"].json,
    data.aws_iam_policy_document.read_provider_api_keys.json,
  ]
}

# Ingest: verifies the HMAC, stores a body too large for a message, then sends to the queue (addressed
# by name, hence GetQueueUrl).
data "aws_iam_policy_document" "ingest" {
  source_policy_documents = [
    data.aws_iam_policy_document.function_logs["ingest"].json,
    data.aws_iam_policy_document.read_provider_secrets.json,
    data.aws_iam_policy_document.store_payloads.json,
  ]

  statement {
    sid       = "SendToQueue"
    actions   = ["sqs:GetQueueUrl", "sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
  }
}

# Worker: the event source mapping receives and deletes with this role; the worker itself sends
# permanent failures to the dead-letter queue, and reads and removes stored bodies.
data "aws_iam_policy_document" "worker" {
  source_policy_documents = concat([
    data.aws_iam_policy_document.function_logs["worker"].json,
    data.aws_iam_policy_document.read_database_password.json,
    data.aws_iam_policy_document.read_payloads.json,
    data.aws_iam_policy_document.remove_processed_payloads.json,
  ], local.vpc_policy_documents)

  statement {
    sid = "ConsumeQueue"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
    ]
    resources = [aws_sqs_queue.events.arn]
  }

  statement {
    sid       = "SendPermanentFailuresToDeadLetters"
    actions   = ["sqs:GetQueueUrl", "sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
}

# Replaying, as the replay function and the console do it: reads dead letters, sends them back to the
# queue, or runs one through the worker.
data "aws_iam_policy_document" "replay_dead_letters" {
  statement {
    sid = "ConsumeDeadLetters"
    actions = [
      "sqs:GetQueueUrl",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
    ]
    resources = [aws_sqs_queue.dead_letters.arn]
  }

  statement {
    sid       = "SendBackToQueue"
    actions   = ["sqs:GetQueueUrl", "sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]
  }

  statement {
    sid       = "InvokeWorkerForDirectReplay"
    actions   = ["lambda:InvokeFunction"]
    resources = [local.worker_alias_arn]
  }
}

# A direct replay that the worker processed removes the dead letter's stored body after the dead letter.
data "aws_iam_policy_document" "replay" {
  source_policy_documents = concat([
    data.aws_iam_policy_document.function_logs["replay"].json,
    data.aws_iam_policy_document.read_database_password.json,
    data.aws_iam_policy_document.replay_dead_letters.json,
    data.aws_iam_policy_document.read_payloads.json,
    data.aws_iam_policy_document.remove_processed_payloads.json,
  ], local.vpc_policy_documents)
}

# Console: reads the admin token, the database, both queues' depth and a dead letter's stored body, and
# replays as the replay function does (its direct replay removes the body too). It never receives from
# the main queue, and nothing it does writes to the dead-letter queue.
data "aws_iam_policy_document" "console" {
  count = var.enable_console ? 1 : 0

  source_policy_documents = concat([
    data.aws_iam_policy_document.function_logs["console"].json,
    data.aws_iam_policy_document.read_database_password.json,
    data.aws_iam_policy_document.replay_dead_letters.json,
    data.aws_iam_policy_document.read_payloads.json,
    data.aws_iam_policy_document.remove_processed_payloads.json,
  ], local.vpc_policy_documents)

  statement {
    sid       = "ReadAdminToken"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.admin_token[0].arn]
  }

  statement {
    sid       = "ReadQueueDepths"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.events.arn, aws_sqs_queue.dead_letters.arn]
  }
}

# Retention: deletes processed events from the database; no queue, no other secret.
data "aws_iam_policy_document" "retention" {
  source_policy_documents = concat([
    data.aws_iam_policy_document.function_logs["retention"].json,
    data.aws_iam_policy_document.read_database_password.json,
  ], local.vpc_policy_documents)
}

locals {
  function_policy_json = {
    authorizer = data.aws_iam_policy_document.authorizer.json
    ingest     = data.aws_iam_policy_document.ingest.json
    worker     = data.aws_iam_policy_document.worker.json
    replay     = data.aws_iam_policy_document.replay.json
    console    = var.enable_console ? data.aws_iam_policy_document.console[0].json : null
    retention  = data.aws_iam_policy_document.retention.json
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.lambda_functions

  name   = "${local.function_name[each.key]}-permissions"
  role   = aws_iam_role.function[each.key].id
  policy = local.function_policy_json[each.key]
}

# API Gateway's logging role (only with manage_api_gateway_cloudwatch_role). It is set account-wide
# but allowed to write only this API's access and execution log groups.
data "aws_iam_policy_document" "api_gateway_assume_role" {
  statement {
    sid     = "ApiGatewayAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api_gateway_cloudwatch" {
  count = var.manage_api_gateway_cloudwatch_role ? 1 : 0

  name               = "${var.name_prefix}-apigateway-cloudwatch"
  description        = "API Gateway's CloudWatch Logs role for this account and region, set by the Inbound deployment"
  assume_role_policy = data.aws_iam_policy_document.api_gateway_assume_role.json

  tags = local.tags
}

data "aws_iam_policy_document" "api_gateway_cloudwatch" {
  statement {
    sid = "WriteInboundApiLogs"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogStreams",
    ]
    resources = [
      aws_cloudwatch_log_group.api_access.arn,
      "${aws_cloudwatch_log_group.api_access.arn}:*",
      aws_cloudwatch_log_group.api_execution.arn,
      "${aws_cloudwatch_log_group.api_execution.arn}:*",
    ]
  }

  statement {
    sid       = "FindLogGroups"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "api_gateway_cloudwatch" {
  count = var.manage_api_gateway_cloudwatch_role ? 1 : 0

  name   = "${var.name_prefix}-apigateway-cloudwatch-logs"
  role   = aws_iam_role.api_gateway_cloudwatch[0].id
  policy = data.aws_iam_policy_document.api_gateway_cloudwatch.json
}

# Active tracing: each function sends its trace segments to X-Ray. The other exception to "no * resource
# for a write action": X-Ray's PutTraceSegments and PutTelemetryRecords take no resource ARN at all (AWS's
# AWSXRayDaemonWriteAccess grants the same on *), and they write telemetry, not Inbound's data.
data "aws_iam_policy_document" "write_traces" {
  statement {
    sid       = "WriteTraces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "write_traces" {
  for_each = { for key, function in local.lambda_functions : key => function if var.active_tracing }

  name   = "${local.function_name[each.key]}-traces"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.write_traces.json
}
