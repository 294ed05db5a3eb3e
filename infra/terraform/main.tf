# What the other files share: where we deploy, the tags, the names, and the functions of the Lambda shape.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  region     = data.aws_region.current.region
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # On each resource rather than in the provider's default_tags: the caller configures the provider.
  module_tags = { Application = "inbound" }
  tags        = merge(local.module_tags, var.tags)

  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.module}/../../lambda/target/inbound-lambda.zip")

  queue_name             = "${var.name_prefix}-webhook-events.fifo"
  dead_letter_queue_name = "${var.name_prefix}-webhook-events-dlq.fifo"

  # Every function is invoked through this alias (API Gateway, the authorizer, the event source
  # mapping, the replay function): it points at the newest published version, the one SnapStart
  # has a snapshot of; $LATEST would bypass SnapStart.
  live_alias_name = "live"

  function_name = {
    authorizer = "${var.name_prefix}-authorizer"
    ingest     = "${var.name_prefix}-ingest"
    worker     = "${var.name_prefix}-worker"
    replay     = "${var.name_prefix}-replay"
    console    = "${var.name_prefix}-console"
    retention  = "${var.name_prefix}-retention"
  }

  # Built from names rather than read from aws_lambda_alias.live["worker"]: the aliases depend on
  # the functions, so the replay function's environment (and its role, which the functions wait
  # for) referring to an alias would be a dependency cycle.
  worker_alias_arn = "arn:${local.partition}:lambda:${local.region}:${local.account_id}:function:${local.function_name.worker}:${local.live_alias_name}"

  # A provider id as it appears in Inbound's environment variable names: upper case, dashes as underscores.
  provider_environment_id = { for id in setunion(var.webhook_providers, var.providers_with_api_key) : id => upper(replace(id, "-", "_")) }

  jvm_environment = {
    # C1 only: a faster JVM start-up, the usual trade for short-lived Lambda invocations.
    JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  }

  queue_environment = merge(local.jvm_environment, {
    INBOUND_QUEUE_NAME = aws_sqs_queue.events.name
    INBOUND_DLQ_NAME   = aws_sqs_queue.dead_letters.name
    INBOUND_SQS_REGION = local.region
  })

  provider_api_key_environment = { for id, secret in aws_secretsmanager_secret.provider_api_key : format("INBOUND_PROVIDER_%s_API_KEY_ARN", local.provider_environment_id[id]) => secret.arn }
  provider_secret_environment = merge(
    { for id, secret in aws_secretsmanager_secret.provider_signing_secret : format("INBOUND_PROVIDER_%s_SECRET_ARN", local.provider_environment_id[id]) => secret.arn },
    local.provider_api_key_environment,
  )

  database_environment = {
    INBOUND_DB_URL                  = var.database_url
    INBOUND_DB_USER                 = var.database_user
    INBOUND_DB_PASSWORD_ARN         = aws_secretsmanager_secret.database_password.arn
    INBOUND_QUEUE_MAX_RECEIVE_COUNT = tostring(var.queue_max_receive_count)
  }

  # The claim check's bucket (payloads.tf), for the functions that store, read or remove bodies.
  payload_bucket_environment = { INBOUND_CLAIM_CHECK_BUCKET = aws_s3_bucket.payloads.bucket }

  # The retention function forgets what is older; the console's overview says how long it is kept.
  retention_environment = { INBOUND_RETENTION_DAYS = tostring(var.retention_days) }

  in_vpc = length(var.vpc_subnet_ids) > 0

  # The five functions of the pipeline; with the optional console, local.lambda_functions below.
  pipeline_functions = {
    authorizer = {
      handler     = "inbound.lambda.AuthorizerHandler::handleRequest"
      description = "Inbound: API Gateway REQUEST authorizer for POST /webhooks/{provider} (headers only; the HMAC is checked by ingest)"
      memory_mb   = var.lambda_memory_mb.authorizer
      timeout_s   = var.lambda_timeout_seconds.authorizer
      # API keys only: the authorizer never sees a body, so it never needs a signing secret
      environment = merge(local.queue_environment, local.provider_api_key_environment)
      in_vpc      = false
    }
    ingest = {
      handler     = "inbound.lambda.IngestHandler::handleRequest"
      description = "Inbound: verifies a webhook over its raw bytes and queues it; answers 202 after the queue confirmed"
      memory_mb   = var.lambda_memory_mb.ingest
      timeout_s   = var.lambda_timeout_seconds.ingest
      environment = merge(local.queue_environment, local.provider_secret_environment, local.payload_bucket_environment)
      in_vpc      = false
    }
    worker = {
      handler     = "inbound.lambda.WorkerHandler::handleRequest"
      description = "Inbound: validates and processes queued events, reports batch item failures"
      memory_mb   = var.lambda_memory_mb.worker
      timeout_s   = var.lambda_timeout_seconds.worker
      environment = merge(local.queue_environment, local.database_environment, local.payload_bucket_environment)
      in_vpc      = local.in_vpc
    }
    replay = {
      handler     = "inbound.lambda.ReplayHandler::handleRequest"
      description = "Inbound: operator replay of dead letters, back to the queue or straight through the worker"
      memory_mb   = var.lambda_memory_mb.replay
      timeout_s   = var.lambda_timeout_seconds.replay
      environment = merge(local.queue_environment, local.database_environment, local.payload_bucket_environment, {
        INBOUND_REPLAY_WORKER_FUNCTION = local.worker_alias_arn
        # how long a direct replay waits for the worker: its whole timeout, and a margin
        INBOUND_REPLAY_INVOKE_TIMEOUT_MS = tostring((var.lambda_timeout_seconds.worker + 10) * 1000)
      })
      in_vpc = local.in_vpc
    }
    retention = {
      handler     = "inbound.lambda.RetentionHandler::handleRequest"
      description = "Inbound: forgets the events processed more than retention_days ago, on its schedule (retention.tf)"
      memory_mb   = var.lambda_memory_mb.retention
      timeout_s   = var.lambda_timeout_seconds.retention
      # the database only: no queue, no signing secret
      environment = merge(local.jvm_environment, local.database_environment, local.retention_environment)
      in_vpc      = local.in_vpc
    }
  }
}

locals {
  # The operator console (enable_console): the console's files and the operator API behind the API's
  # /console, /overview, /events and /dead-letters routes (console.tf). It reads the database and both
  # queues and replays as the replay function does; API Gateway gives up on it after 29 s, so a replay
  # stops visiting the dead letters in time to answer (the console says to run it again for the rest) and
  # "try now" waits for the worker no longer.
  console_function = var.enable_console ? {
    console = {
      handler     = "inbound.lambda.ConsoleHandler::handleRequest"
      description = "Inbound: the operator console and the operator API (events, dead letters, replays), behind /console"
      memory_mb   = var.lambda_memory_mb.console
      timeout_s   = var.lambda_timeout_seconds.console
      environment = merge(local.queue_environment, local.database_environment, local.retention_environment, local.payload_bucket_environment, {
        INBOUND_ADMIN_TOKEN_ARN          = aws_secretsmanager_secret.admin_token[0].arn
        INBOUND_REPLAY_WORKER_FUNCTION   = local.worker_alias_arn
        INBOUND_DLQ_VISIT_LIMIT_MS       = tostring((var.lambda_timeout_seconds.console - 9) * 1000)
        INBOUND_REPLAY_INVOKE_TIMEOUT_MS = tostring((var.lambda_timeout_seconds.console - 5) * 1000)
        INBOUND_CONSOLE_DASHBOARD        = local.console_dashboard_name
      })
      in_vpc = local.in_vpc
    }
  } : {}

  lambda_functions = merge(local.pipeline_functions, local.console_function)

  # The name dashboard.tf gives its dashboard, which the console's overview names for what it does not
  # count. Written out rather than read from the dashboard, which depends on the functions.
  console_dashboard_name = "${var.name_prefix}-inbound"
}
