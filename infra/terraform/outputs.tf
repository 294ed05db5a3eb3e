output "webhook_urls" {
  description = "The URL to give each provider as its webhook endpoint (POST): on the custom domain with static_ip_entry, else the stage's."
  value       = { for id in var.webhook_providers : id => format("%s/%s/%s", local.webhook_base_url, aws_api_gateway_resource.webhooks.path_part, id) }
}

output "queue_url" {
  description = "URL of the main FIFO queue."
  value       = aws_sqs_queue.events.url
}

output "queue_arn" {
  description = "ARN of the main FIFO queue."
  value       = aws_sqs_queue.events.arn
}

output "dead_letter_queue_url" {
  description = "URL of the FIFO dead-letter queue."
  value       = aws_sqs_queue.dead_letters.url
}

output "dead_letter_queue_arn" {
  description = "ARN of the FIFO dead-letter queue."
  value       = aws_sqs_queue.dead_letters.arn
}

output "payload_bucket" {
  description = "The S3 bucket of the claim check: webhook bodies too large for a queue message, kept while their event is queued or dead-lettered."
  value       = aws_s3_bucket.payloads.bucket
}

output "function_names" {
  description = "Name of each Lambda function (authorizer, ingest, worker, replay, and console unless enable_console is false)."
  value       = { for role, function in aws_lambda_function.function : role => function.function_name }
}

output "replay_function" {
  description = "What an operator passes to `aws lambda invoke --function-name` to replay dead letters: the replay function's live alias."
  value       = "${aws_lambda_function.function["replay"].function_name}:${aws_lambda_alias.live["replay"].name}"
}

output "provider_signing_secret_arns" {
  description = "ARN of each provider's signing-secret secret; set each value with `aws secretsmanager put-secret-value`."
  value       = { for id, secret in aws_secretsmanager_secret.provider_signing_secret : id => secret.arn }
}

output "provider_api_key_secret_arns" {
  description = "ARN of the API-key secret of each provider in providers_with_api_key."
  value       = { for id, secret in aws_secretsmanager_secret.provider_api_key : id => secret.arn }
}

output "database_password_secret_arn" {
  description = "ARN of the database-password secret."
  value       = aws_secretsmanager_secret.database_password.arn
}

output "static_ip_addresses" {
  description = "With static_ip_entry: the two static IPv4 addresses providers and firewalls allow-list; point static_ip_domain_name at them (A records). Empty otherwise."
  value       = var.static_ip_entry ? aws_globalaccelerator_accelerator.webhooks[0].ip_sets[0].ip_addresses : []
}

output "console_url" {
  description = "The operator console (enable_console): open it in a browser and type in the admin token. null without the console."
  value       = var.enable_console ? "${aws_api_gateway_stage.live.invoke_url}/${aws_api_gateway_resource.console_top["console"].path_part}" : null
}

output "admin_token_secret_arn" {
  description = "ARN of the admin-token secret the console checks the operator's token against; set its value with `aws secretsmanager put-secret-value`. null without the console."
  value       = var.enable_console ? aws_secretsmanager_secret.admin_token[0].arn : null
}
