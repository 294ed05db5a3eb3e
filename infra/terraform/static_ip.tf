# The static IP entry (static_ip_entry = true, off by default): for providers and firewalls that
# allow-list addresses, AWS Global Accelerator's two static anycast IPv4 addresses in front of the
# webhook API, as AWS documents it for API Gateway: accelerator (TCP 443) → internal Application
# Load Balancer (HTTPS 443, the certificate of static_ip_domain_name) → the execute-api VPC
# endpoint's addresses → the API, made private and reached through its private custom domain name.
# The authorizer and the ingest function stay in the path as they are; the API then answers only
# what comes through that endpoint.

locals {
  static_ip_count = var.static_ip_entry ? 1 : 0

  # What providers are given: the custom domain (its root is the stage), or the stage's own URL.
  webhook_base_url = var.static_ip_entry ? "https://${var.static_ip_domain_name}" : aws_api_gateway_stage.live.invoke_url
}

data "aws_subnet" "static_ip" {
  count = local.static_ip_count

  id = var.static_ip_subnet_ids[0]
}

resource "aws_security_group" "static_ip_load_balancer" {
  count = local.static_ip_count

  name        = "${var.name_prefix}-static-ip-load-balancer"
  description = "Inbound static IP entry: HTTPS from Global Accelerator to the load balancer"
  vpc_id      = data.aws_subnet.static_ip[0].vpc_id

  tags = local.tags
}

# Global Accelerator keeps the provider's address as the source, so the listener is open to all;
# the load balancer is internal and has no address of its own on the internet.
resource "aws_vpc_security_group_ingress_rule" "static_ip_load_balancer_https" {
  count = local.static_ip_count

  security_group_id = aws_security_group.static_ip_load_balancer[0].id
  description       = "HTTPS from providers, through Global Accelerator"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "static_ip_load_balancer_to_endpoint" {
  count = local.static_ip_count

  security_group_id            = aws_security_group.static_ip_load_balancer[0].id
  description                  = "HTTPS to the API's VPC endpoint"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.static_ip_endpoint[0].id

  tags = local.tags
}

resource "aws_security_group" "static_ip_endpoint" {
  count = local.static_ip_count

  name        = "${var.name_prefix}-static-ip-endpoint"
  description = "Inbound static IP entry: the API's VPC endpoint, reached by the load balancer only"
  vpc_id      = data.aws_subnet.static_ip[0].vpc_id

  tags = local.tags
}

resource "aws_vpc_security_group_ingress_rule" "static_ip_endpoint_from_load_balancer" {
  count = local.static_ip_count

  security_group_id            = aws_security_group.static_ip_endpoint[0].id
  description                  = "HTTPS from the static IP entry's load balancer"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.static_ip_load_balancer[0].id

  tags = local.tags
}

resource "aws_vpc_endpoint" "execute_api" {
  count = local.static_ip_count

  vpc_id             = data.aws_subnet.static_ip[0].vpc_id
  service_name       = "com.amazonaws.${local.region}.execute-api"
  vpc_endpoint_type  = "Interface"
  subnet_ids         = var.static_ip_subnet_ids
  security_group_ids = [aws_security_group.static_ip_endpoint[0].id]
  # Off: private DNS would send every *.execute-api name the VPC resolves, other accounts' public
  # APIs included, to this endpoint. The load balancer reaches it by its addresses.
  private_dns_enabled = false

  tags = local.tags
}

# The endpoint's address in each subnet: the load balancer's targets.
data "aws_network_interface" "execute_api" {
  count = var.static_ip_entry ? length(var.static_ip_subnet_ids) : 0

  id = tolist(aws_vpc_endpoint.execute_api[0].network_interface_ids)[count.index]
}

resource "aws_lb" "static_ip" {
  count = local.static_ip_count

  # Load balancer and target group names hold at most 32 characters.
  name               = "${var.name_prefix}-entry"
  load_balancer_type = "application"
  internal           = true
  subnets            = var.static_ip_subnet_ids
  security_groups    = [aws_security_group.static_ip_load_balancer[0].id]
  # Longer than API Gateway's 29 s: the API answers (or times out) first.
  idle_timeout               = 60
  drop_invalid_header_fields = true

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.static_ip_domain_name != null && var.static_ip_certificate_arn != null && length(var.static_ip_subnet_ids) >= 2
      error_message = "static_ip_entry needs static_ip_domain_name, static_ip_certificate_arn and static_ip_subnet_ids in at least two Availability Zones."
    }
  }
}

resource "aws_lb_target_group" "execute_api" {
  count = local.static_ip_count

  name        = "${var.name_prefix}-vpce"
  target_type = "ip"
  protocol    = "HTTPS"
  port        = 443
  vpc_id      = data.aws_subnet.static_ip[0].vpc_id

  # The health check names no API (its Host is the target's address), and API Gateway answers that
  # with 403: an answer over TLS is what shows the endpoint serving.
  health_check {
    protocol            = "HTTPS"
    port                = "443"
    path                = "/"
    matcher             = "200,403"
    interval            = 30
    healthy_threshold   = 3
    unhealthy_threshold = 3
  }

  tags = local.tags
}

resource "aws_lb_target_group_attachment" "execute_api" {
  count = var.static_ip_entry ? length(var.static_ip_subnet_ids) : 0

  target_group_arn = aws_lb_target_group.execute_api[0].arn
  target_id        = data.aws_network_interface.execute_api[count.index].private_ip
  port             = 443
}

resource "aws_lb_listener" "static_ip_https" {
  count = local.static_ip_count

  load_balancer_arn = aws_lb.static_ip[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.static_ip_certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.execute_api[0].arn
  }

  tags = local.tags
}

resource "aws_globalaccelerator_accelerator" "webhooks" {
  count = local.static_ip_count

  name            = "${var.name_prefix}-webhooks"
  ip_address_type = "IPV4"
  enabled         = true

  tags = local.tags
}

resource "aws_globalaccelerator_listener" "https" {
  count = local.static_ip_count

  accelerator_arn = aws_globalaccelerator_accelerator.webhooks[0].id
  protocol        = "TCP"
  client_affinity = "NONE"

  port_range {
    from_port = 443
    to_port   = 443
  }
}

# For a load balancer endpoint Global Accelerator follows the load balancer's own target health
# (the health check above), not health check settings of its own.
resource "aws_globalaccelerator_endpoint_group" "load_balancer" {
  count = local.static_ip_count

  listener_arn          = aws_globalaccelerator_listener.https[0].id
  endpoint_group_region = local.region

  endpoint_configuration {
    endpoint_id                    = aws_lb.static_ip[0].arn
    client_ip_preservation_enabled = true
    weight                         = 100
  }
}

# A private API, and its private custom domain name, answer only what their resource policies allow:
# here, what comes through the endpoint. In a resource policy, "execute-api:/*" is the API or the
# domain name the policy is attached to.
data "aws_iam_policy_document" "invoke_through_static_ip_endpoint" {
  count = local.static_ip_count

  statement {
    sid       = "InvokeThroughTheStaticIpEndpoint"
    effect    = "Allow"
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = [aws_vpc_endpoint.execute_api[0].id]
    }
  }
}

resource "aws_api_gateway_rest_api_policy" "through_endpoint" {
  count = local.static_ip_count

  rest_api_id = aws_api_gateway_rest_api.webhooks.id
  policy      = data.aws_iam_policy_document.invoke_through_static_ip_endpoint[0].json
}

resource "aws_api_gateway_domain_name" "static_ip" {
  count = local.static_ip_count

  domain_name     = var.static_ip_domain_name
  certificate_arn = var.static_ip_certificate_arn
  security_policy = "TLS_1_2"
  policy          = data.aws_iam_policy_document.invoke_through_static_ip_endpoint[0].json

  endpoint_configuration {
    types = ["PRIVATE"]
  }

  tags = local.tags
}

resource "aws_api_gateway_domain_name_access_association" "static_ip" {
  count = local.static_ip_count

  domain_name_arn                = aws_api_gateway_domain_name.static_ip[0].arn
  access_association_source      = aws_vpc_endpoint.execute_api[0].id
  access_association_source_type = "VPCE"

  tags = local.tags
}

# The domain's root is the stage: https://<static_ip_domain_name>/webhooks/{provider}.
resource "aws_api_gateway_base_path_mapping" "static_ip" {
  count = local.static_ip_count

  api_id         = aws_api_gateway_rest_api.webhooks.id
  stage_name     = aws_api_gateway_stage.live.stage_name
  domain_name    = aws_api_gateway_domain_name.static_ip[0].domain_name
  domain_name_id = aws_api_gateway_domain_name.static_ip[0].domain_name_id
}
