output "webhook_urls" {
  description = "The URL to give each provider as its webhook endpoint (POST)."
  value       = module.inbound.webhook_urls
}

output "replay_function" {
  description = "What an operator passes to `aws lambda invoke --function-name` to replay dead letters."
  value       = module.inbound.replay_function
}

output "provider_signing_secret_arns" {
  description = "ARN of each provider's signing-secret secret, to set with `aws secretsmanager put-secret-value`."
  value       = module.inbound.provider_signing_secret_arns
}

output "provider_api_key_secret_arns" {
  description = "ARN of the API-key secret of each provider in providers_with_api_key."
  value       = module.inbound.provider_api_key_secret_arns
}

output "database_password_secret_arn" {
  description = "ARN of the database-password secret."
  value       = module.inbound.database_password_secret_arn
}

output "console_url" {
  description = "The operator console: open it in a browser and type in the admin token."
  value       = module.inbound.console_url
}

output "admin_token_secret_arn" {
  description = "ARN of the admin-token secret, to set with `aws secretsmanager put-secret-value`."
  value       = module.inbound.admin_token_secret_arn
}

output "alarm_topic_arn" {
  description = "The SNS topic the alarms notify: subscribe to it."
  value       = aws_sns_topic.alarms.arn
}
