# Secrets Manager secrets, created empty. Their values are set out of band with
# `aws secretsmanager put-secret-value` (docs/deploy-aws.md), so no secret value is ever in a plan, a tfvars
# file or the Terraform state. The functions read them once per container.

resource "aws_secretsmanager_secret" "provider_signing_secret" {
  for_each = var.webhook_providers

  name                    = "${var.name_prefix}/providers/${each.key}/signing-secret"
  description             = "Inbound: ${each.key} webhook signing secret (comma-separated to accept old and new during a rotation)"
  recovery_window_in_days = var.secret_recovery_window_days

  tags = local.tags
}

resource "aws_secretsmanager_secret" "provider_api_key" {
  for_each = var.providers_with_api_key

  name                    = "${var.name_prefix}/providers/${each.key}/api-key"
  description             = "Inbound: API key ${each.key} sends with its webhooks, checked by the authorizer"
  recovery_window_in_days = var.secret_recovery_window_days

  tags = local.tags

  lifecycle {
    precondition {
      condition     = contains(var.webhook_providers, each.key)
      error_message = "providers_with_api_key names \"${each.key}\", which is not in webhook_providers."
    }
  }
}

locals {
  # The secrets the authorizer and the ingest function read: every provider's signing secret and API key.
  provider_secret_arns = concat(
    [for secret in aws_secretsmanager_secret.provider_signing_secret : secret.arn],
    [for secret in aws_secretsmanager_secret.provider_api_key : secret.arn],
  )
}

resource "aws_secretsmanager_secret" "database_password" {
  name                    = "${var.name_prefix}/database/password"
  description             = "Inbound: password of the database user the worker and the replay function connect as"
  recovery_window_in_days = var.secret_recovery_window_days

  tags = local.tags
}

resource "aws_secretsmanager_secret" "admin_token" {
  count = var.enable_console ? 1 : 0

  name                    = "${var.name_prefix}/console/admin-token"
  description             = "Inbound: the operator's admin token, typed into the console (Authorization: Bearer for the operator API)"
  recovery_window_in_days = var.secret_recovery_window_days

  tags = local.tags
}
