# Inbound called as a module, with every kind of input set: the caller configures the AWS provider
# and owns what it adds around the module (here the SNS topic the alarms notify). From the
# repository root, after `mvn package` (the module deploys lambda/target/inbound-lambda.zip):
#
#   terraform -chdir=infra/terraform/examples/complete init
#   terraform -chdir=infra/terraform/examples/complete apply
#
# Then set the values of the secrets the outputs name (docs/deploy-aws.md, step 4).
# In your own configuration, source is the path or Git address of infra/terraform.

provider "aws" {
  region = local.region
}

locals {
  name   = "inbound-example"
  region = "eu-west-1"

  tags = {
    Example     = local.name
    Environment = "test"
  }
}

module "inbound" {
  source = "../.."

  name_prefix = local.name

  webhook_providers = ["github", "shopify", "stripe"]
  # Shopify's requests must also carry the API key of the <name_prefix>/providers/shopify/api-key secret.
  providers_with_api_key = ["shopify"]

  # No password here: it goes in the <name_prefix>/database/password secret.
  database_url  = "jdbc:postgresql://inbound-db.example.internal:5432/inbound"
  database_user = "inbound"

  lambda_memory_mb       = { worker = 2048 }
  lambda_timeout_seconds = { worker = 60, replay = 300 }
  log_retention_days     = 14

  # processed events kept a month, forgotten each night at 03:15 UTC
  retention_days     = 30
  retention_schedule = "cron(15 3 * * ? *)"

  api_throttling_rate_limit          = 50
  api_throttling_burst_limit         = 100
  api_execution_logging_level        = "ERROR"
  manage_api_gateway_cloudwatch_role = true

  queue_max_receive_count    = 5
  worker_batch_size          = 10
  worker_maximum_concurrency = 5

  # The operator console at <stage URL>/console (the default); its token goes in <name_prefix>/console/admin-token.
  enable_console = true

  alarm_sns_topic_arn               = aws_sns_topic.alarms.arn
  queue_age_alarm_threshold_seconds = 300

  # A throwaway deployment: secrets are deleted at once on destroy, so the same names can be reused.
  secret_recovery_window_days = 0

  # On every resource of the module, with its own Application = inbound.
  tags = local.tags
}

resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
  tags = local.tags
}
