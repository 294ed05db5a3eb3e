# A minimal deployment: three providers, a PostgreSQL database reachable from Lambda, alarms
# without notifications. From the repository root, after `mvn package`:
#
#   terraform -chdir=infra/terraform init
#   terraform -chdir=infra/terraform apply -var-file=examples/minimal.tfvars

# The region comes from your AWS configuration (AWS_REGION, the profile): applied this way, the
# module is the root module and Terraform configures the AWS provider from the environment. To set
# the region in code, call the module from your own configuration, as examples/complete does.

webhook_providers = ["github", "shopify", "stripe"]

database_url  = "jdbc:postgresql://inbound-db.example.internal:5432/inbound"
database_user = "inbound"

# Stage logging needs an API Gateway CloudWatch role in the account settings of this region. true
# creates one and sets it; keep false if the account already has one (the setting is shared by
# every API in the account and region, and destroying this deployment resets it).
manage_api_gateway_cloudwatch_role = true

# A throwaway deployment: secrets are deleted at once on destroy, so the same names can be reused.
secret_recovery_window_days = 0
