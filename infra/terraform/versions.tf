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

provider "aws" {
  # null falls back to the usual AWS configuration (AWS_REGION, the profile's region).
  region = var.aws_region

  default_tags {
    tags = merge({ Application = "inbound" }, var.tags)
  }
}
