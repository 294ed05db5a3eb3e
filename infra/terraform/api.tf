# API Gateway REST API: POST /webhooks/{provider} → REQUEST authorizer (unless enable_authorizer is
# false) → Lambda proxy to ingest.

locals {
  # The authorizer's refusals in Inbound's error shape, with the server shape's statuses: its
  # "Unauthorized" (headers, timestamp or API key wrong) is 401, its Deny (unknown provider) is 404.
  authorizer_refusals = {
    UNAUTHORIZED = {
      status = "401"
      body = jsonencode({
        error   = "invalid_signature"
        message = "The request's signature headers, timestamp or API key do not check out."
      })
    }
    ACCESS_DENIED = {
      status = "404"
      body = jsonencode({
        error   = "unknown_provider"
        message = "No provider of that name is configured."
      })
    }
  }
}

resource "aws_api_gateway_rest_api" "webhooks" {
  name        = "${var.name_prefix}-webhooks"
  description = "Inbound webhook ingestion: POST /webhooks/{provider}"

  # Every body reaches the ingest function base64-encoded, byte for byte: the HMAC is computed
  # over the exact raw bytes, which a text conversion could change.
  binary_media_types = ["*/*"]

  # Private with the static IP entry: then only its VPC endpoint reaches the API (static_ip.tf).
  endpoint_configuration {
    types = var.static_ip_entry ? ["PRIVATE"] : ["REGIONAL"]
  }

  tags = local.tags
}

resource "aws_api_gateway_resource" "webhooks" {
  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  parent_id   = aws_api_gateway_rest_api.webhooks.root_resource_id
  path_part   = "webhooks"
}

resource "aws_api_gateway_resource" "provider" {
  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  parent_id   = aws_api_gateway_resource.webhooks.id
  path_part   = "{provider}"
}

resource "aws_api_gateway_authorizer" "webhook" {
  count = var.enable_authorizer ? 1 : 0

  name           = "${var.name_prefix}-webhook-authorizer"
  rest_api_id    = aws_api_gateway_rest_api.webhooks.id
  type           = "REQUEST"
  authorizer_uri = aws_lambda_alias.live["authorizer"].invoke_arn

  # Off: a cached Allow would let a later request with other headers through unchecked.
  authorizer_result_ttl_in_seconds = 0

  # API Gateway answers 401 without calling the authorizer when a request lacks one of the identity
  # sources, and the provider defaults them to the Authorization header, which webhook providers do
  # not send (an empty value is not accepted). A stage variable the stage always sets is present on
  # every request, so every request reaches the authorizer; with caching off it keys nothing.
  identity_source = "stageVariables.authorizerIdentity"
}

resource "aws_api_gateway_method" "post_webhook" {
  rest_api_id   = aws_api_gateway_rest_api.webhooks.id
  resource_id   = aws_api_gateway_resource.provider.id
  http_method   = "POST"
  authorization = var.enable_authorizer ? "CUSTOM" : "NONE"
  authorizer_id = var.enable_authorizer ? aws_api_gateway_authorizer.webhook[0].id : null

  request_parameters = {
    "method.request.path.provider" = true
  }
}

resource "aws_api_gateway_integration" "ingest" {
  rest_api_id             = aws_api_gateway_rest_api.webhooks.id
  resource_id             = aws_api_gateway_resource.provider.id
  http_method             = aws_api_gateway_method.post_webhook.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.live["ingest"].invoke_arn
}

# Instead of API Gateway's own {"message": ...} with 401 and 403.
resource "aws_api_gateway_gateway_response" "authorizer_refusal" {
  for_each = local.authorizer_refusals

  rest_api_id   = aws_api_gateway_rest_api.webhooks.id
  response_type = each.key
  status_code   = each.value.status

  response_templates = {
    "application/json" = each.value.body
  }
}

resource "aws_api_gateway_deployment" "webhooks" {
  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  description = "Inbound webhook API"

  # A deployment is a snapshot: anything that changes what the API does must redeploy it.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_rest_api.webhooks.binary_media_types,
      aws_api_gateway_rest_api.webhooks.endpoint_configuration,
      aws_api_gateway_rest_api_policy.through_endpoint[*].policy,
      aws_api_gateway_resource.webhooks.id,
      aws_api_gateway_resource.provider.id,
      aws_api_gateway_authorizer.webhook[*].id,
      aws_api_gateway_authorizer.webhook[*].authorizer_uri,
      aws_api_gateway_authorizer.webhook[*].identity_source,
      aws_api_gateway_authorizer.webhook[*].authorizer_result_ttl_in_seconds,
      aws_api_gateway_method.post_webhook.id,
      aws_api_gateway_method.post_webhook.authorization,
      aws_api_gateway_method.post_webhook.authorizer_id,
      aws_api_gateway_integration.ingest.id,
      aws_api_gateway_integration.ingest.uri,
      local.authorizer_refusals,
      local.console_api_deployment,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name_prefix}-webhooks/access"
  retention_in_days = var.log_retention_days

  tags = local.tags
}

# Created here rather than by API Gateway so that it has a retention and is removed with the stack.
resource "aws_cloudwatch_log_group" "api_execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.webhooks.id}/${var.api_stage_name}"
  retention_in_days = var.log_retention_days

  tags = local.tags
}

resource "aws_api_gateway_stage" "live" {
  rest_api_id   = aws_api_gateway_rest_api.webhooks.id
  deployment_id = aws_api_gateway_deployment.webhooks.id
  stage_name    = var.api_stage_name
  description   = "Inbound webhooks"

  # The trace a webhook's request begins is the one its ingest invocation continues (active_tracing).
  xray_tracing_enabled = var.active_tracing

  # Read by nothing: it exists so that the authorizer's identity source is present on every request.
  variables = {
    authorizerIdentity = "always-present"
  }

  # One JSON line per request: who called, what API Gateway and the authorizer answered, how long
  # ingest took. No headers and no body: they can hold signatures and payloads.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      extendedRequestId  = "$context.extendedRequestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      authorizerError    = "$context.authorizer.error"
      integrationStatus  = "$context.integration.status"
      integrationLatency = "$context.integrationLatency"
      errorMessage       = "$context.error.message"
    })
  }

  tags = local.tags

  # Stage logging needs the account's API Gateway CloudWatch role in place first.
  depends_on = [aws_api_gateway_account.cloudwatch_logging, aws_cloudwatch_log_group.api_execution]
}

resource "aws_api_gateway_method_settings" "all_methods" {
  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  stage_name  = aws_api_gateway_stage.live.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = var.api_execution_logging_level
    data_trace_enabled     = false
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
  }
}

# API Gateway writes logs with one role per account and region, set in the account settings.
resource "aws_api_gateway_account" "cloudwatch_logging" {
  count = var.manage_api_gateway_cloudwatch_role ? 1 : 0

  cloudwatch_role_arn = aws_iam_role.api_gateway_cloudwatch[0].arn

  depends_on = [aws_iam_role_policy.api_gateway_cloudwatch]
}

# The console (enable_console): its page and files and the operator API, each route of routes.OperatorRequest
# proxied to the console function. No authorizer: the function checks the admin token itself
# (Authorization: Bearer), as the server shape does, and answers 401 in the same words.
locals {
  # API Gateway builds a path one part at a time, each resource under its parent: the paths by depth.
  console_top_paths = var.enable_console ? {
    "console"      = "console"
    "overview"     = "overview"
    "events"       = "events"
    "dead-letters" = "dead-letters"
  } : {}
  console_second_paths = var.enable_console ? {
    "console/{asset}"     = { parent = "console", part = "{asset}" }
    "events/{id}"         = { parent = "events", part = "{id}" }
    "dead-letters/replay" = { parent = "dead-letters", part = "replay" }
    "dead-letters/{id}"   = { parent = "dead-letters", part = "{id}" }
  } : {}
  console_third_paths = var.enable_console ? {
    "events/{id}/payload"      = { parent = "events/{id}", part = "payload" }
    "dead-letters/{id}/replay" = { parent = "dead-letters/{id}", part = "replay" }
  } : {}

  # Each route, by the name routes.OperatorRequest gives it; arn_path is the path as a source ARN matches it.
  console_routes = var.enable_console ? {
    "GET /console"                   = { method = "GET", path = "console", arn_path = "console" }
    "GET /console/{asset}"           = { method = "GET", path = "console/{asset}", arn_path = "console/*" }
    "GET /overview"                  = { method = "GET", path = "overview", arn_path = "overview" }
    "GET /events"                    = { method = "GET", path = "events", arn_path = "events" }
    "GET /events/{id}"               = { method = "GET", path = "events/{id}", arn_path = "events/*" }
    "GET /events/{id}/payload"       = { method = "GET", path = "events/{id}/payload", arn_path = "events/*/payload" }
    "GET /dead-letters"              = { method = "GET", path = "dead-letters", arn_path = "dead-letters" }
    "GET /dead-letters/{id}"         = { method = "GET", path = "dead-letters/{id}", arn_path = "dead-letters/*" }
    "POST /dead-letters/replay"      = { method = "POST", path = "dead-letters/replay", arn_path = "dead-letters/replay" }
    "POST /dead-letters/{id}/replay" = { method = "POST", path = "dead-letters/{id}/replay", arn_path = "dead-letters/*/replay" }
  } : {}

  console_top_ids    = { for path, resource in aws_api_gateway_resource.console_top : path => resource.id }
  console_second_ids = { for path, resource in aws_api_gateway_resource.console_second : path => resource.id }
  console_third_ids  = { for path, resource in aws_api_gateway_resource.console_third : path => resource.id }
  console_path_ids   = merge(local.console_top_ids, local.console_second_ids, local.console_third_ids)

  # What the deployment snapshot holds of the console: a change redeploys it.
  console_api_deployment = { for name, integration in aws_api_gateway_integration.console : name => [
    aws_api_gateway_method.console[name].id, integration.id, integration.uri,
  ] }
}

resource "aws_api_gateway_resource" "console_top" {
  for_each = local.console_top_paths

  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  parent_id   = aws_api_gateway_rest_api.webhooks.root_resource_id
  path_part   = each.value
}

resource "aws_api_gateway_resource" "console_second" {
  for_each = local.console_second_paths

  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  parent_id   = aws_api_gateway_resource.console_top[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_resource" "console_third" {
  for_each = local.console_third_paths

  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  parent_id   = aws_api_gateway_resource.console_second[each.value.parent].id
  path_part   = each.value.part
}

resource "aws_api_gateway_method" "console" {
  for_each = local.console_routes

  rest_api_id   = aws_api_gateway_rest_api.webhooks.id
  resource_id   = local.console_path_ids[each.value.path]
  http_method   = each.value.method
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "console" {
  for_each = local.console_routes

  rest_api_id             = aws_api_gateway_rest_api.webhooks.id
  resource_id             = aws_api_gateway_method.console[each.key].resource_id
  http_method             = aws_api_gateway_method.console[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = aws_lambda_alias.live["console"].invoke_arn
}
