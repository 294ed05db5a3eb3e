# Inputs of the Inbound deployment. None of them carries a secret value: signing secrets, API keys
# and the database password live in Secrets Manager and are set out of band (see docs/deploy-aws.md), so
# they never reach a plan, a tfvars file or the Terraform state.

variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (functions, queues, roles, secrets, the API); lets several deployments share an account."
  default     = "inbound"

  validation {
    # Short enough that the longest derived name, "<prefix>-webhook-events-dlq.fifo", stays well
    # inside SQS's 80 characters and "<prefix>-authorizer" inside IAM's 64 for role names.
    condition     = can(regex("^[a-z][a-z0-9-]{0,23}$", var.name_prefix))
    error_message = "name_prefix must start with a lower-case letter and hold at most 24 lower-case letters, digits and dashes."
  }
}

variable "webhook_providers" {
  type        = set(string)
  description = "Provider ids to accept at POST /webhooks/{provider}, as in providers.yaml (e.g. [\"github\", \"shopify\", \"stripe\"]). Each gets a signing-secret secret in Secrets Manager. (Terraform reserves the name \"providers\".)"

  validation {
    condition     = length(var.webhook_providers) > 0
    error_message = "webhook_providers must name at least one provider."
  }

  validation {
    condition     = alltrue([for id in var.webhook_providers : can(regex("^[a-z0-9][a-z0-9-]{0,39}$", id))])
    error_message = "Each provider id must be lower-case letters, digits and dashes (it becomes part of a URL path, a secret name and an environment variable name)."
  }
}

variable "providers_with_api_key" {
  type        = set(string)
  description = "Provider ids whose requests also carry an API key the authorizer checks; each gets an api-key secret in Secrets Manager. Must be a subset of webhook_providers."
  default     = []

  validation {
    condition     = alltrue([for id in var.providers_with_api_key : can(regex("^[a-z0-9][a-z0-9-]{0,39}$", id))])
    error_message = "Each provider id must be lower-case letters, digits and dashes."
  }
}

variable "lambda_zip_path" {
  type        = string
  description = "Path of the Lambda deployment package built by `mvn package`. null means lambda/target/inbound-lambda.zip of the repository."
  default     = null

  validation {
    condition     = var.lambda_zip_path == null || can(regex("\\.zip$", var.lambda_zip_path))
    error_message = "lambda_zip_path must name a .zip file, or be null."
  }
}

variable "lambda_memory_mb" {
  type = object({
    authorizer = optional(number, 1024)
    ingest     = optional(number, 1024)
    worker     = optional(number, 1024)
    replay     = optional(number, 1024)
    console    = optional(number, 1024)
    retention  = optional(number, 1024)
  })
  description = "Memory of each function in MB. Lambda allocates CPU in proportion, so it also sets how fast the JVM starts."
  default     = {}

  validation {
    condition     = alltrue([for mb in values(var.lambda_memory_mb) : mb >= 128 && mb <= 10240 && floor(mb) == mb])
    error_message = "Each memory size must be a whole number of MB from 128 to 10240."
  }
}

variable "lambda_timeout_seconds" {
  type = object({
    authorizer = optional(number, 10)
    ingest     = optional(number, 20)
    worker     = optional(number, 60)
    replay     = optional(number, 300)
    console    = optional(number, 29)
    retention  = optional(number, 300)
  })
  description = "Timeout of each function in seconds. The worker's also sets the queue's visibility timeout (6 times it)."
  default     = {}

  validation {
    condition     = alltrue([for s in values(var.lambda_timeout_seconds) : s >= 1 && s <= 900 && floor(s) == s])
    error_message = "Each timeout must be a whole number of seconds from 1 to 900."
  }

  validation {
    # API Gateway gives up on an integration or an authorizer after 29 s; a longer Lambda timeout
    # would only let a function run on after the provider got its 504.
    condition     = var.lambda_timeout_seconds.authorizer <= 29 && var.lambda_timeout_seconds.ingest <= 29
    error_message = "The authorizer and ingest timeouts must be at most 29 seconds, API Gateway's integration timeout."
  }

  validation {
    # a direct replay waits for the worker function to finish one event
    condition     = var.lambda_timeout_seconds.replay > var.lambda_timeout_seconds.worker
    error_message = "The replay timeout must be longer than the worker's: a direct replay waits for the worker."
  }

  validation {
    # behind API Gateway too; and the console stops a replay 9 s before its timeout, to answer in time
    condition     = var.lambda_timeout_seconds.console >= 10 && var.lambda_timeout_seconds.console <= 29
    error_message = "The console timeout must be from 10 to 29 seconds (API Gateway's integration timeout)."
  }

  validation {
    # the retention function begins no batch in the last 30 s of its invocation (INBOUND_LAMBDA_RETENTION_RESERVE_MS)
    condition     = var.lambda_timeout_seconds.retention >= 60
    error_message = "The retention timeout must be at least 60 seconds: it keeps its last 30 s free of new batches."
  }
}

variable "retention_days" {
  type        = number
  description = "How many days after processing an event, its status and its timeline are kept in the database before the retention function forgets them; dead letters are kept until they are processed. At least the main queue's message retention, so that no copy of a forgotten event can still be delivered."
  default     = 14

  validation {
    condition     = var.retention_days >= 1 && var.retention_days <= 36500 && floor(var.retention_days) == var.retention_days
    error_message = "retention_days must be a whole number of days from 1 to 36500."
  }
}

variable "retention_schedule" {
  type        = string
  description = "When EventBridge runs the retention function, as a schedule expression: rate(...) or cron(...)."
  default     = "rate(1 hour)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.retention_schedule))
    error_message = "retention_schedule must be an EventBridge schedule expression such as rate(1 hour) or cron(0 3 * * ? *)."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the functions' and the API's CloudWatch log groups, in days (0 keeps logs forever)."
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "api_stage_name" {
  type        = string
  description = "Name of the API Gateway stage; it is the first path segment of the webhook URLs."
  default     = "live"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,128}$", var.api_stage_name))
    error_message = "api_stage_name must be 1 to 128 letters, digits, dashes or underscores."
  }
}

variable "api_throttling_rate_limit" {
  type        = number
  description = "Steady-state request rate (requests per second) the stage accepts before answering 429; providers retry a 429."
  default     = 100

  validation {
    condition     = var.api_throttling_rate_limit > 0
    error_message = "api_throttling_rate_limit must be greater than 0."
  }
}

variable "api_throttling_burst_limit" {
  type        = number
  description = "Burst (token bucket size) the stage accepts above the rate limit."
  default     = 200

  validation {
    condition     = var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "api_throttling_burst_limit must be a whole number of at least 1."
  }
}

variable "api_execution_logging_level" {
  type        = string
  description = "API Gateway execution logging level (OFF, ERROR or INFO). Request and response bodies are never logged."
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.api_execution_logging_level)
    error_message = "api_execution_logging_level must be OFF, ERROR or INFO."
  }
}

variable "manage_api_gateway_cloudwatch_role" {
  type        = bool
  description = "Create the IAM role API Gateway needs to write logs and set it as this account's API Gateway CloudWatch role for the region. Stage logging fails without such a role; leave false if the account already has one (it is one setting per account and region, shared by every API, and destroying this deployment resets it)."
  default     = false
}

variable "queue_max_receive_count" {
  type        = number
  description = "The receive on which the worker moves a still failing event to the dead-letter queue itself. The queue's redrive policy (maxReceiveCount) is twice it, as a backstop. AWS recommends at least 5 for a queue feeding Lambda."
  default     = 5

  validation {
    # SQS allows a redrive maxReceiveCount up to 1000, and the redrive is twice this
    condition     = var.queue_max_receive_count >= 1 && var.queue_max_receive_count <= 500 && floor(var.queue_max_receive_count) == var.queue_max_receive_count
    error_message = "queue_max_receive_count must be a whole number from 1 to 500."
  }
}

variable "queue_message_retention_seconds" {
  type        = number
  description = "How long the main queue keeps a message that was never processed, in seconds (the dead-letter queue keeps its messages for the maximum, 14 days)."
  default     = 345600

  validation {
    condition     = var.queue_message_retention_seconds >= 60 && var.queue_message_retention_seconds <= 1209600
    error_message = "queue_message_retention_seconds must be from 60 to 1209600 (14 days)."
  }
}

variable "high_throughput_fifo" {
  type        = bool
  description = "Use high-throughput FIFO (deduplication and throughput quota per message group) on both queues."
  default     = false
}

variable "worker_batch_size" {
  type        = number
  description = "Messages the worker receives per invocation (a FIFO queue allows at most 10)."
  default     = 10

  validation {
    condition     = var.worker_batch_size >= 1 && var.worker_batch_size <= 10 && floor(var.worker_batch_size) == var.worker_batch_size
    error_message = "worker_batch_size must be a whole number from 1 to 10."
  }
}

variable "worker_maximum_concurrency" {
  type        = number
  description = "Most worker invocations the queue's event source mapping runs at once (bounds the database connections)."
  default     = 10

  validation {
    condition     = var.worker_maximum_concurrency >= 2 && var.worker_maximum_concurrency <= 1000 && floor(var.worker_maximum_concurrency) == var.worker_maximum_concurrency
    error_message = "worker_maximum_concurrency must be a whole number from 2 to 1000."
  }
}

variable "database_url" {
  type        = string
  description = "JDBC URL of the PostgreSQL database of processed events, e.g. jdbc:postgresql://host:5432/inbound. The password goes in the database-password secret, never in the URL."

  validation {
    condition     = can(regex("^jdbc:[a-z0-9]+:", var.database_url))
    error_message = "database_url must be a JDBC URL, e.g. jdbc:postgresql://host:5432/inbound."
  }

  validation {
    condition     = !can(regex("(?i)password=", var.database_url))
    error_message = "database_url must not carry a password; put it in the database-password secret."
  }
}

variable "database_user" {
  type        = string
  description = "Database user the worker and the replay function connect as."

  validation {
    condition     = length(trimspace(var.database_user)) > 0
    error_message = "database_user must not be empty."
  }
}

variable "vpc_subnet_ids" {
  type        = list(string)
  description = "Subnets for the worker and replay functions when the database is only reachable inside a VPC. Empty: the functions run outside any VPC."
  default     = []

  validation {
    condition     = alltrue([for id in var.vpc_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "Each subnet id must look like subnet-0123abcd."
  }
}

variable "vpc_security_group_ids" {
  type        = list(string)
  description = "Security groups for the worker and replay functions; required exactly when vpc_subnet_ids is set."
  default     = []

  validation {
    condition     = alltrue([for id in var.vpc_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "Each security group id must look like sg-0123abcd."
  }
}

variable "secret_recovery_window_days" {
  type        = number
  description = "Days Secrets Manager keeps a deleted secret recoverable: 0 deletes at once (handy for throwaway deployments), else 7 to 30."
  default     = 30

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or from 7 to 30."
  }
}

variable "alarm_email" {
  type        = string
  description = "E-mail address subscribed to the alarms' own SNS topic (it must confirm the subscription); ignored when alarm_sns_topic_arn is given. null subscribes no one."
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an e-mail address, or null."
  }
}

variable "ingest_5xx_alarm_threshold" {
  type        = number
  description = "Alarm when API Gateway answers more than this many webhooks with 5xx in 5 minutes."
  default     = 10

  validation {
    condition     = var.ingest_5xx_alarm_threshold >= 0
    error_message = "ingest_5xx_alarm_threshold must be 0 or more."
  }
}

variable "alarm_sns_topic_arn" {
  type        = string
  description = "SNS topic the CloudWatch alarms notify. null creates a topic of their own (see alarm_email)."
  default     = null

  validation {
    condition     = var.alarm_sns_topic_arn == null || can(regex("^arn:[a-z-]+:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]+$", var.alarm_sns_topic_arn))
    error_message = "alarm_sns_topic_arn must be an SNS topic ARN, or null."
  }
}

variable "queue_age_alarm_threshold_seconds" {
  type        = number
  description = "Alarm when the oldest message in the main queue is older than this many seconds (the worker is falling behind or failing)."
  default     = 300

  validation {
    condition     = var.queue_age_alarm_threshold_seconds > 0
    error_message = "queue_age_alarm_threshold_seconds must be greater than 0."
  }
}

variable "active_tracing" {
  type        = bool
  description = "AWS X-Ray active tracing for the functions and the API Gateway stage: a webhook's trace then continues through the queue into the worker and its replays, in X-Ray. Off, every log line of an event still carries a trace id of Inbound's own."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Tags of every resource that takes tags, added to Application = inbound (and able to override it)."
  default     = {}
}

variable "enable_authorizer" {
  type        = bool
  description = "Put the REQUEST authorizer in front of POST /webhooks/{provider}. false: API Gateway calls the ingest function directly, which still checks every request (provider, API key, HMAC over the raw body, timestamp); the authorizer only turns bad requests away before ingest runs, at the price of a second Lambda invocation per webhook (see docs/cost.md). The authorizer function stays deployed either way, idle when off, so that switching back needs no new function."
  default     = true
}

variable "architectures" {
  type        = list(string)
  description = "Instruction set of every function: [\"arm64\"] (Graviton, a lower price per GB-second) or [\"x86_64\"]. The zip holds no native code, so it runs on both."
  default     = ["arm64"]

  validation {
    # Lambda takes exactly one architecture per function
    condition     = length(var.architectures) == 1 && contains(["arm64", "x86_64"], var.architectures[0])
    error_message = "architectures must be [\"arm64\"] or [\"x86_64\"]."
  }
}

variable "static_ip_entry" {
  type        = bool
  description = "Put AWS Global Accelerator's two static anycast IPv4 addresses in front of the webhook API, for providers and firewalls that allow-list addresses (static_ip.tf): accelerator, internal load balancer, the API's VPC endpoint, and the API made private behind a custom domain. Needs static_ip_domain_name, static_ip_certificate_arn and static_ip_subnet_ids. Costs a fixed amount a month (infra/terraform/README.md)."
  default     = false
}

variable "static_ip_domain_name" {
  type        = string
  description = "With static_ip_entry: the host name providers post to (e.g. webhooks.example.com), whose A records you point at the static_ip_addresses output."
  default     = null

  validation {
    condition     = var.static_ip_domain_name == null || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.static_ip_domain_name))
    error_message = "static_ip_domain_name must be a lower-case host name such as webhooks.example.com, or null."
  }
}

variable "static_ip_certificate_arn" {
  type        = string
  description = "With static_ip_entry: the ARN of an ACM certificate for static_ip_domain_name in the deployment's region, issued or imported and validated; the load balancer and the API's custom domain both present it."
  default     = null

  validation {
    condition     = var.static_ip_certificate_arn == null || can(regex("^arn:[a-z-]+:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.static_ip_certificate_arn))
    error_message = "static_ip_certificate_arn must be an ACM certificate ARN, or null."
  }
}

variable "static_ip_subnet_ids" {
  type        = list(string)
  description = "With static_ip_entry: subnets in at least two Availability Zones of a VPC with an internet gateway (Global Accelerator requires one to reach an internal load balancer), for the load balancer and the API's VPC endpoint."
  default     = []

  validation {
    condition     = alltrue([for id in var.static_ip_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "Each subnet id must look like subnet-0123abcd."
  }
}

variable "enable_console" {
  type        = bool
  description = "Deploy the operator console: a fifth function behind the API at /console and the operator API's routes (/overview, /events, /dead-letters), which read the database and the queues and replay dead letters; its admin token lives in a Secrets Manager secret of its own."
  default     = true
}
