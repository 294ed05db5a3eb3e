# No provider block: whoever calls the module configures the AWS provider (region, credentials,
# default_tags), as examples/complete does. Run as the root module (examples/minimal.tfvars),
# Terraform configures it from the environment.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.8.0 is the first release that accepts max_message_size = 1048576 (1 MiB) on aws_sqs_queue;
      # every argument used here is checked against the 6.x documentation.
      version = "~> 6.8"
    }
  }
}
