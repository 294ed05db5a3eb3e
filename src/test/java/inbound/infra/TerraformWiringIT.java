package inbound.infra;

import static inbound.infra.TerraformModule.block;
import static inbound.infra.TerraformModule.blocks;
import static inbound.infra.TerraformModule.expression;
import static inbound.infra.TerraformModule.expressions;
import static inbound.infra.TerraformModule.json;
import static inbound.infra.TerraformModule.jsonExpression;
import static inbound.infra.TerraformModule.jsonExpressions;
import static inbound.infra.TerraformModule.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import inbound.support.MetricNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import routes.OperatorRequest;

/**
 * The wiring of infra/terraform, read from the HCL: the AWS provider cannot be downloaded on our
 * machines, so {@code terraform validate} and {@code plan} cannot run here. Also reads the
 * examples as Terraform would check them against the module: examples/complete calls it as a
 * child module, examples/minimal.tfvars sets its variables when it is the root module. Runs after
 * {@code package}, because it also checks the handlers against the built Lambda zip.
 */
class TerraformWiringIT {

    private static final Path MODULE_DIRECTORY = Path.of("infra", "terraform");
    private static final Path COMPLETE_EXAMPLE = MODULE_DIRECTORY.resolve(Path.of("examples", "complete"));
    private static final Path TFVARS_EXAMPLE = MODULE_DIRECTORY.resolve(Path.of("examples", "minimal.tfvars"));
    private static final Path LAMBDA_ZIP = Path.of("lambda", "target", "inbound-lambda.zip");
    private static final Path RUNBOOK = Path.of("docs", "operating.md");
    /** The runbook's sections, by the anchor of their heading ("### Runbook: dead letters waiting"). */
    private static final List<String> RUNBOOK_SECTIONS = List.of("dead-letters-waiting", "queue-falling-behind", "ingest-answering-5xx",
            "worker-errors", "throttled-functions", "retention-errors");

    /** The arguments of a module block that Terraform reads itself rather than passing to the module's variables. */
    private static final Set<String> MODULE_META_ARGUMENTS = Set.of("source", "version", "providers", "count", "for_each", "depends_on");

    /** A reference to an output of a module call: module.name.output... */
    private static final Pattern MODULE_OUTPUT_REFERENCE = Pattern.compile("^module\\.(\\w+)\\.(\\w+).*");

    /** The handlers the Lambda code provides (issue 5, and the console's); the module must deploy exactly these. */
    private static final Set<String> LAMBDA_HANDLERS = Set.of(
            "inbound.lambda.AuthorizerHandler::handleRequest",
            "inbound.lambda.IngestHandler::handleRequest",
            "inbound.lambda.WorkerHandler::handleRequest",
            "inbound.lambda.ReplayHandler::handleRequest",
            "inbound.lambda.ConsoleHandler::handleRequest",
            "inbound.lambda.RetentionHandler::handleRequest");

    /**
     * The one documented exception to "no * resource for a write action" (iam.tf): Lambda manages
     * a VPC function's network interfaces with the function's role, and these take no narrower resource.
     */
    private static final Set<String> VPC_NETWORK_INTERFACE_ACTIONS = Set.of(
            "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface");

    /** The other one (iam.tf): with active tracing, X-Ray's writes, which take no resource ARN at all. */
    private static final Set<String> TRACE_WRITE_ACTIONS = Set.of("xray:PutTraceSegments", "xray:PutTelemetryRecords");

    /** A reference to one instance of a for_each resource: type.name["key"].attribute */
    private static final Pattern INSTANCE_REFERENCE = Pattern.compile("^(\\w+)\\.(\\w+)\\[\"(\\w+)\"\\]\\.(\\w+)$");

    /**
     * The resource types of the module that take no tags argument in the AWS provider; a resource of
     * any other type carries the module's tags. A new type fails the test until it is tagged or
     * listed here.
     */
    private static final Set<String> TYPES_WITHOUT_TAGS = Set.of(
            "aws_api_gateway_account",
            "aws_cloudwatch_dashboard",
            "aws_cloudwatch_event_target",
            "aws_api_gateway_authorizer",
            "aws_api_gateway_base_path_mapping",
            "aws_api_gateway_deployment",
            "aws_api_gateway_gateway_response",
            "aws_api_gateway_integration",
            "aws_api_gateway_method",
            "aws_api_gateway_method_settings",
            "aws_api_gateway_resource",
            "aws_api_gateway_rest_api_policy",
            "aws_globalaccelerator_endpoint_group",
            "aws_globalaccelerator_listener",
            "aws_iam_role_policy",
            "aws_lambda_alias",
            "aws_lambda_function_event_invoke_config",
            "aws_lambda_permission",
            "aws_lb_target_group_attachment",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_policy",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_sns_topic_subscription",
            "aws_sqs_queue_redrive_allow_policy");

    /** "${aws_s3_bucket.payloads.arn}/*" as hcl4j reads it: the payload bucket's objects, not the bucket. */
    private static final String OBJECTS_OF_THE_PAYLOAD_BUCKET = "aws_s3_bucket.payloads.arn/*";
    private static final double SQS_MAX_MESSAGE_BYTES = 1048576;
    private static final int SQS_FIFO_MAX_BATCH = 10;
    private static final int LAMBDA_MIN_MAXIMUM_CONCURRENCY = 2;

    private static TerraformModule module;
    private static TerraformModule completeExample;

    @BeforeAll
    static void parseModule() throws IOException {
        module = TerraformModule.parse(MODULE_DIRECTORY);
        completeExample = TerraformModule.parse(COMPLETE_EXAMPLE);
    }

    @Test
    void queueAndDeadLetterQueueAreFifoAndHoldAMebibyte() {
        for (Map<String, Object> queue : List.of(mainQueue(), deadLetterQueue())) {
            assertThat(queue.get("fifo_queue")).isEqualTo(true);
            assertThat(expression(module.resolveLocal(queue.get("name")))).endsWith(".fifo");
            assertThat(number(module.resolveLocal(queue.get("max_message_size")))).isEqualTo(SQS_MAX_MESSAGE_BYTES);
            assertThat(queue.get("sqs_managed_sse_enabled")).isEqualTo(true);
            // Inbound sets the deduplication id from the provider's delivery id.
            assertThat(queue.get("content_based_deduplication")).isEqualTo(false);
        }
    }

    @Test
    void redrivePolicySendsToTheDeadLetterQueueAfterTheConfiguredReceives() {
        JsonNode redrivePolicy = json(mainQueue().get("redrive_policy"));

        assertThat(jsonExpression(redrivePolicy.get("deadLetterTargetArn")))
                .isEqualTo("aws_sqs_queue." + deadLetterQueueName() + ".arn");
        assertThat(jsonExpression(redrivePolicy.get("maxReceiveCount"))).startsWith("var.");
    }

    @Test
    void deadLetterQueueAcceptsRedriveFromTheMainQueueOnly() {
        Map<String, Object> allowPolicy = module.onlyResource("aws_sqs_queue_redrive_allow_policy").getValue();
        JsonNode policy = json(allowPolicy.get("redrive_allow_policy"));

        assertThat(expression(allowPolicy.get("queue_url")))
                .isIn("aws_sqs_queue." + deadLetterQueueName() + ".id", "aws_sqs_queue." + deadLetterQueueName() + ".url");
        assertThat(policy.get("redrivePermission").asText()).isEqualTo("byQueue");
        assertThat(jsonExpressions(policy.get("sourceQueueArns"))).containsExactly("aws_sqs_queue." + mainQueueName() + ".arn");
    }

    @Test
    void workerConsumesTheQueueThroughItsAliasAndReportsBatchItemFailures() {
        Map<String, Object> mapping = module.onlyResource("aws_lambda_event_source_mapping").getValue();

        assertThat(expression(mapping.get("event_source_arn"))).isEqualTo("aws_sqs_queue." + mainQueueName() + ".arn");
        assertThat(expressions(mapping.get("function_response_types"))).containsExactly("ReportBatchItemFailures");
        assertThat(literalOrValidatedDefault(mapping.get("batch_size"))).isLessThanOrEqualTo(SQS_FIFO_MAX_BATCH);
        assertThat(literalOrValidatedDefault(block(mapping, "scaling_config").get("maximum_concurrency")))
                .isGreaterThanOrEqualTo(LAMBDA_MIN_MAXIMUM_CONCURRENCY);
        assertReferencesFunctionAlias(mapping.get("function_name"), "worker", "arn");
    }

    @Test
    void requestAuthorizerSeesEveryPostToWebhooksProvider() {
        Map<String, Object> method = postWebhookMethod();
        Map<String, Object> authorizer = module.resourceReferencedBy(method.get("authorizer_id"));

        assertThat(method.get("authorization")).isEqualTo("CUSTOM");
        assertThat(expression(method.get("authorizer_id"))).matches("aws_api_gateway_authorizer\\.\\w+\\[0\\]\\.id");
        assertThat(authorizer.get("type")).isEqualTo("REQUEST");
        // Caching off: an Allow is never reused for another request.
        assertThat(number(authorizer.get("authorizer_result_ttl_in_seconds"))).isZero();
        assertReferencesFunctionAlias(authorizer.get("authorizer_uri"), "authorizer", "invoke_arn");
        assertIdentitySourceIsOnEveryRequest(expression(authorizer.get("identity_source")));
    }

    @Test
    void postWebhooksProviderProxiesToTheIngestAlias() {
        Map<String, Object> integration = module.resources("aws_api_gateway_integration").get("ingest");

        assertThat(module.resourceReferencedBy(integration.get("http_method"))).isSameAs(postWebhookMethod());
        assertThat(integration.get("type")).isEqualTo("AWS_PROXY");
        assertThat(integration.get("integration_http_method")).isEqualTo("POST");
        assertReferencesFunctionAlias(integration.get("uri"), "ingest", "invoke_arn");
    }

    @Test
    void stageThrottlesAndWritesJsonAccessLogs() {
        Map<String, Object> stage = module.onlyResource("aws_api_gateway_stage").getValue();
        Map<String, Object> accessLogs = block(stage, "access_log_settings");
        Map<String, Object> settings = block(module.onlyResource("aws_api_gateway_method_settings").getValue(), "settings");

        assertThat(expression(accessLogs.get("destination_arn"))).matches("aws_cloudwatch_log_group\\.\\w+\\.arn");
        assertThat(json(accessLogs.get("format")).findValuesAsText("requestId")).containsExactly("$context.requestId");
        assertThat(expression(settings.get("throttling_rate_limit"))).startsWith("var.");
        assertThat(expression(settings.get("throttling_burst_limit"))).startsWith("var.");
        // A data trace would log request bodies: webhook payloads and their signatures.
        assertThat(settings.get("data_trace_enabled")).isEqualTo(false);
    }

    @Test
    void everyFunctionRunsJava21FromPublishedSnapStartVersions() {
        assertThat(module.resources("aws_lambda_function")).isNotEmpty().allSatisfy((name, function) -> {
            assertThat(function.get("runtime")).as(name).isEqualTo("java21");
            assertThat(function.get("publish")).as(name).isEqualTo(true);
            assertThat(block(function, "snap_start").get("apply_on")).as(name).isEqualTo("PublishedVersions");
        });
    }

    @Test
    void everyFunctionRunsOnTheArchitectureOfItsVariableArm64ByDefault() {
        Map<String, Object> architectures = module.variables().get("architectures");

        assertThat(architectures.get("default")).isEqualTo(List.of("arm64"));
        assertThat(architectures).containsKey("validation");
        assertThat(module.resources("aws_lambda_function")).isNotEmpty().allSatisfy((name, function) ->
                assertThat(expression(function.get("architectures"))).as(name).isEqualTo("var.architectures"));
    }

    @Test
    void theAuthorizerIsInThePathByDefault() throws IOException {
        TerraformModule withAuthorizer = TerraformModule.parse(MODULE_DIRECTORY, Map.of("enable_authorizer", true));

        assertThat(module.variables().get("enable_authorizer")).containsEntry("default", true);
        assertThat(postWebhookMethod(withAuthorizer).get("authorization")).isEqualTo("CUSTOM");
        assertThat(withAuthorizer.createdResources("aws_api_gateway_authorizer")).hasSize(1);
        assertThat(withAuthorizer.createdResources("aws_lambda_permission")).containsOnlyKeys("api_gateway_invokes_authorizer", "api_gateway_invokes_ingest", "api_gateway_invokes_console",
                "events_invoke_retention");
    }

    @Test
    void withoutTheAuthorizerThePostGoesStraightToTheIngestAlias() throws IOException {
        TerraformModule withoutAuthorizer = TerraformModule.parse(MODULE_DIRECTORY, Map.of("enable_authorizer", false));
        Map<String, Object> method = postWebhookMethod(withoutAuthorizer);
        Map<String, Object> integration = withoutAuthorizer.resources("aws_api_gateway_integration").get("ingest");

        assertThat(method.get("authorization")).isEqualTo("NONE");
        assertThat(method.get("authorizer_id")).isNull();
        assertThat(withoutAuthorizer.createdResources("aws_api_gateway_authorizer")).isEmpty();
        // the ingest function checks provider, API key, HMAC and timestamp itself; only its permission remains beside the console's and the schedule's
        assertThat(withoutAuthorizer.createdResources("aws_lambda_permission")).containsOnlyKeys("api_gateway_invokes_ingest", "api_gateway_invokes_console",
                "events_invoke_retention");
        assertThat(withoutAuthorizer.resourceReferencedBy(integration.get("http_method"))).isSameAs(method);
        assertReferencesFunctionAlias(integration.get("uri"), "ingest", "invoke_arn");
    }

    @Test
    void theStaticIpEntryChainsAcceleratorLoadBalancerAndVpcEndpointToThePrivateApi() throws IOException {
        TerraformModule entry = TerraformModule.parse(MODULE_DIRECTORY, Map.of("static_ip_entry", true, "enable_authorizer", true));
        Map<String, Object> accelerator = entry.onlyResource("aws_globalaccelerator_accelerator").getValue();
        Map<String, Object> acceleratorListener = entry.onlyResource("aws_globalaccelerator_listener").getValue();
        Map<String, Object> endpointGroup = entry.onlyResource("aws_globalaccelerator_endpoint_group").getValue();
        Map<String, Object> loadBalancer = entry.onlyResource("aws_lb").getValue();
        Map<String, Object> httpsListener = entry.onlyResource("aws_lb_listener").getValue();
        Map<String, Object> targetGroup = entry.onlyResource("aws_lb_target_group").getValue();
        Map<String, Object> targets = entry.onlyResource("aws_lb_target_group_attachment").getValue();
        Map<String, Object> endpoint = entry.onlyResource("aws_vpc_endpoint").getValue();

        // the accelerator's two static addresses take TCP 443 to the load balancer, keeping the sender's address
        assertThat(accelerator.get("ip_address_type")).isEqualTo("IPV4");
        assertThat(entry.resourceReferencedBy(acceleratorListener.get("accelerator_arn"))).isSameAs(accelerator);
        assertThat(acceleratorListener.get("protocol")).isEqualTo("TCP");
        assertThat(block(acceleratorListener, "port_range")).containsEntry("from_port", 443.0).containsEntry("to_port", 443.0);
        assertThat(entry.resourceReferencedBy(endpointGroup.get("listener_arn"))).isSameAs(acceleratorListener);
        assertThat(entry.resourceReferencedBy(block(endpointGroup, "endpoint_configuration").get("endpoint_id"))).isSameAs(loadBalancer);
        assertThat(block(endpointGroup, "endpoint_configuration")).containsEntry("client_ip_preservation_enabled", true);
        // an internal load balancer terminates TLS with the certificate variable's certificate on 443
        assertThat(loadBalancer).containsEntry("internal", true).containsEntry("load_balancer_type", "application");
        assertThat(entry.resourceReferencedBy(httpsListener.get("load_balancer_arn"))).isSameAs(loadBalancer);
        assertThat(httpsListener).containsEntry("port", 443.0).containsEntry("protocol", "HTTPS");
        assertThat(expression(httpsListener.get("certificate_arn"))).isEqualTo("var.static_ip_certificate_arn");
        assertThat(block(httpsListener, "default_action")).containsEntry("type", "forward");
        assertThat(entry.resourceReferencedBy(block(httpsListener, "default_action").get("target_group_arn"))).isSameAs(targetGroup);
        // ... and forwards over HTTPS to the addresses of the API's VPC endpoint, checking their health
        assertThat(targetGroup).containsEntry("target_type", "ip").containsEntry("protocol", "HTTPS").containsEntry("port", 443.0);
        assertThat(block(targetGroup, "health_check")).containsEntry("protocol", "HTTPS").containsEntry("port", "443");
        assertThat(String.valueOf(block(targetGroup, "health_check").get("matcher")).split(",")).contains("403");
        assertThat(entry.resourceReferencedBy(targets.get("target_group_arn"))).isSameAs(targetGroup);
        assertThat(expression(targets.get("target_id"))).isEqualTo("data.aws_network_interface.execute_api[count.index].private_ip");
        // hcl4j does not read an index into a function's result: the target addresses' source as written
        assertThat(Files.readString(MODULE_DIRECTORY.resolve("static_ip.tf")))
                .containsPattern("id\\s*=\\s*tolist\\(aws_vpc_endpoint\\.execute_api\\[0\\]\\.network_interface_ids\\)\\[count\\.index\\]");
        assertThat(endpoint).containsEntry("vpc_endpoint_type", "Interface").containsEntry("private_dns_enabled", false);
        assertThat(expression(endpoint.get("service_name"))).endsWith(".execute-api");
        assertThat(expression(endpoint.get("subnet_ids"))).isEqualTo("var.static_ip_subnet_ids");
        // the endpoint takes HTTPS from the load balancer only
        assertThat(expressions(endpoint.get("security_group_ids"))).containsExactly("aws_security_group.static_ip_endpoint[0].id");
        assertThat(entry.resources("aws_vpc_security_group_ingress_rule").values())
                .filteredOn(rule -> expression(rule.get("security_group_id")).equals("aws_security_group.static_ip_endpoint[0].id"))
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule).containsEntry("from_port", 443.0).containsEntry("to_port", 443.0).doesNotContainKey("cidr_ipv4");
                    assertThat(entry.resourceReferencedBy(rule.get("referenced_security_group_id")))
                            .isSameAs(entry.resources("aws_security_group").get("static_ip_load_balancer"));
                });
    }

    @Test
    void withTheStaticIpEntryTheApiIsPrivateAndAnswersOnlyItsVpcEndpointThroughItsCustomDomain() throws IOException {
        TerraformModule entry = TerraformModule.parse(MODULE_DIRECTORY, Map.of("static_ip_entry", true, "enable_authorizer", true));
        Map<String, Object> api = entry.onlyResource("aws_api_gateway_rest_api").getValue();
        Map<String, Object> apiPolicy = entry.onlyResource("aws_api_gateway_rest_api_policy").getValue();
        Map<String, Object> domain = entry.onlyResource("aws_api_gateway_domain_name").getValue();
        Map<String, Object> association = entry.onlyResource("aws_api_gateway_domain_name_access_association").getValue();
        Map<String, Object> mapping = entry.onlyResource("aws_api_gateway_base_path_mapping").getValue();

        assertThat(expressions(block(api, "endpoint_configuration").get("types"))).containsExactly("PRIVATE");
        assertThat(entry.resourceReferencedBy(apiPolicy.get("rest_api_id"))).isSameAs(api);
        assertAllowsOnlyTheStaticIpEndpoint(entry, apiPolicy.get("policy"));
        assertThat(expressions(block(domain, "endpoint_configuration").get("types"))).containsExactly("PRIVATE");
        assertThat(expression(domain.get("certificate_arn"))).isEqualTo("var.static_ip_certificate_arn");
        assertThat(expression(domain.get("domain_name"))).isEqualTo("var.static_ip_domain_name");
        assertAllowsOnlyTheStaticIpEndpoint(entry, domain.get("policy"));
        assertThat(association).containsEntry("access_association_source_type", "VPCE");
        assertThat(entry.resourceReferencedBy(association.get("access_association_source"))).isSameAs(entry.onlyResource("aws_vpc_endpoint").getValue());
        assertThat(entry.resourceReferencedBy(association.get("domain_name_arn"))).isSameAs(domain);
        assertThat(entry.resourceReferencedBy(mapping.get("api_id"))).isSameAs(api);
        assertThat(entry.resourceReferencedBy(mapping.get("stage_name"))).isSameAs(entry.onlyResource("aws_api_gateway_stage").getValue());
        assertThat(mapping).doesNotContainKey("base_path");
        // the authorizer and the ingest function stay in the path
        assertThat(postWebhookMethod(entry).get("authorization")).isEqualTo("CUSTOM");
        assertReferencesFunctionAlias(entry.resources("aws_api_gateway_integration").get("ingest").get("uri"), "ingest", "invoke_arn");
        // providers are given the custom domain, firewalls the static addresses
        assertThat(expression(entry.local("webhook_base_url"))).isEqualTo("https://var.static_ip_domain_name");
        // hcl4j does not read a for expression: the webhook URLs' base as written
        assertThat(Files.readString(MODULE_DIRECTORY.resolve("outputs.tf"))).containsPattern(
                "output \"webhook_urls\" \\{[^}]*format\\(\"%s/%s/%s\", local\\.webhook_base_url,");
        assertThat(expression(entry.outputs().get("static_ip_addresses").get("value"))).contains("aws_globalaccelerator_accelerator.webhooks[0].ip_sets");
    }

    @Test
    void theStaticIpEntryIsOffByDefaultAndThenNothingOfItIsCreated() throws IOException {
        TerraformModule regional = TerraformModule.parse(MODULE_DIRECTORY, Map.of("static_ip_entry", false));

        assertThat(module.variables().get("static_ip_entry")).containsEntry("default", false);
        assertThat(module.variables()).containsKeys("static_ip_domain_name", "static_ip_certificate_arn", "static_ip_subnet_ids");
        assertThat(module.variables().get("static_ip_certificate_arn")).containsKey("validation");
        assertThat(expressions(block(regional.onlyResource("aws_api_gateway_rest_api").getValue(), "endpoint_configuration").get("types")))
                .containsExactly("REGIONAL");
        for (String type : List.of("aws_globalaccelerator_accelerator", "aws_globalaccelerator_listener", "aws_globalaccelerator_endpoint_group",
                "aws_lb", "aws_lb_listener", "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_vpc_endpoint", "aws_security_group",
                "aws_api_gateway_rest_api_policy", "aws_api_gateway_domain_name", "aws_api_gateway_domain_name_access_association",
                "aws_api_gateway_base_path_mapping")) {
            assertThat(regional.createdResources(type)).as(type).isEmpty();
        }
        assertThat(expression(regional.local("webhook_base_url"))).isEqualTo("aws_api_gateway_stage.live.invoke_url");
    }

    @Test
    void everyFunctionLogsJsonThroughLambdasLoggingControlsAtALevelThatKeepsItsMetricLines() {
        assertThat(module.resources("aws_lambda_function")).isNotEmpty().allSatisfy((name, function) -> {
            Map<String, Object> logging = block(function, "logging_config");
            assertThat(logging.get("log_format")).as(name).isEqualTo("JSON");
            // an EMF line has no level of its own, and Lambda takes it as INFO
            assertThat(logging.get("application_log_level")).as(name).isIn("TRACE", "DEBUG", "INFO");
        });
    }

    @Test
    void activeTracingIsOneSwitchForTheFunctionsTheStageAndTheRightToWriteTraces() throws IOException {
        // hcl4j evaluates conditionals with the variables' defaults: the switch is read as written
        String lambda = Files.readString(MODULE_DIRECTORY.resolve("lambda.tf"));
        String api = Files.readString(MODULE_DIRECTORY.resolve("api.tf"));
        String iam = Files.readString(MODULE_DIRECTORY.resolve("iam.tf"));

        assertThat(module.variables().get("active_tracing")).containsEntry("default", false);
        assertThat(lambda).containsPattern("tracing_config \\{\\s*mode\\s*=\\s*var\\.active_tracing \\? \"Active\" : \"PassThrough\"");
        assertThat(api).containsPattern("xray_tracing_enabled\\s*=\\s*var\\.active_tracing");
        assertThat(iam).containsPattern("resource \"aws_iam_role_policy\" \"write_traces\" \\{\\s*for_each\\s*=\\s*\\{ for key, function in "
                + "local\\.lambda_functions : key => function if var\\.active_tracing \\}");
        assertThat(expressions(module.resources("aws_lambda_function").get("function").get("depends_on")))
                .as("Lambda refuses active tracing to a role that cannot write traces yet").contains("aws_iam_role_policy.write_traces");
    }

    @Test
    void functionsAreExactlyTheHandlersOfTheLambdaCode() {
        assertThat(deployedHandlers()).containsExactlyInAnyOrderElementsOf(LAMBDA_HANDLERS);
    }

    @Test
    void everyHandlerNamesAClassInTheLambdaZip() throws IOException {
        assertThat(LAMBDA_ZIP).as("the Lambda zip `mvn package` builds").exists();
        try (ZipFile zip = new ZipFile(LAMBDA_ZIP.toFile())) {
            for (String handler : deployedHandlers()) {
                assertThat(zip.getEntry(classFileOf(handler))).as(handler + " in " + LAMBDA_ZIP).isNotNull();
            }
        }
    }

    @Test
    void noPolicyStatementGrantsAWildcardActionOrAWriteOnEveryResource() {
        List<Map<String, Object>> statements = policyStatements();

        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            String sid = expression(statement.get("sid"));
            List<String> actions = expressions(statement.get("actions"));
            assertThat(statement).as("statement %s names what it grants", sid).doesNotContainKeys("not_actions", "not_resources");
            if ("Deny".equals(statement.get("effect"))) {
                // refuses, grants nothing: the payload bucket's TLS-only policy denies s3:* without TLS
                continue;
            }
            assertThat(actions).as("actions of statement %s", sid).isNotEmpty().noneMatch(action -> action.contains("*"));
            if (resourcesOf(statement).stream().anyMatch(TerraformWiringIT::coversEveryResource)) {
                assertThat(actions).as("actions statement %s grants on every resource", sid)
                        .allMatch(action -> readsOnlyMetadata(action) || VPC_NETWORK_INTERFACE_ACTIONS.contains(action)
                                || TRACE_WRITE_ACTIONS.contains(action));
            }
        }
    }

    @Test
    void thePayloadBucketIsEncryptedPrivateTlsOnlyAndForgetsObjectsAfterTheQueueAndTheDeadLetterQueueKeepTheirMessages() throws IOException {
        Map<String, Object> bucket = module.onlyResource("aws_s3_bucket").getValue();
        assertThat(expression(bucket.get("tags"))).isEqualTo("local.tags");
        assertThat(module.onlyResource("aws_s3_bucket_public_access_block").getValue()).containsEntry("block_public_acls", true)
                .containsEntry("block_public_policy", true).containsEntry("ignore_public_acls", true).containsEntry("restrict_public_buckets", true)
                .satisfies(block -> assertThat(expression(block.get("bucket"))).isEqualTo("aws_s3_bucket.payloads.id"));
        Map<String, Object> encryption = module.onlyResource("aws_s3_bucket_server_side_encryption_configuration").getValue();
        assertThat(expression(encryption.get("bucket"))).isEqualTo("aws_s3_bucket.payloads.id");
        assertThat(block(block(encryption, "rule"), "apply_server_side_encryption_by_default").get("sse_algorithm")).isIn("AES256", "aws:kms");

        Map<String, Object> policy = module.onlyResource("aws_s3_bucket_policy").getValue();
        assertThat(expression(policy.get("bucket"))).isEqualTo("aws_s3_bucket.payloads.id");
        assertThat(expression(policy.get("policy"))).isEqualTo("data.aws_iam_policy_document.payloads_bucket.json");
        Map<String, Object> tlsOnly = blocks(module.dataSources("aws_iam_policy_document").get("payloads_bucket").get("statement")).get(0);
        assertThat(tlsOnly.get("effect")).isEqualTo("Deny");
        assertThat(expressions(tlsOnly.get("actions"))).containsExactly("s3:*");
        assertThat(expressions(tlsOnly.get("resources"))).containsExactly("aws_s3_bucket.payloads.arn", OBJECTS_OF_THE_PAYLOAD_BUCKET);
        assertThat(block(tlsOnly, "principals")).containsEntry("type", "*");
        assertThat(block(tlsOnly, "condition")).containsEntry("test", "Bool").containsEntry("variable", "aws:SecureTransport")
                .containsEntry("values", List.of("false"));

        Map<String, Object> lifecycle = module.onlyResource("aws_s3_bucket_lifecycle_configuration").getValue();
        Map<String, Object> rule = block(lifecycle, "rule");
        assertThat(rule.get("status")).isEqualTo("Enabled");
        assertThat(block(rule, "expiration")).containsKey("days");
        // an object is kept for the queue's retention and then the dead-letter queue's, which is longest_retention_seconds
        // (hcl4j evaluates the local without the variables' values: the text says it)
        assertThat(allTerraform()).contains("days = local.payload_expiration_days")
                .contains("payload_expiration_days = ceil((var.queue_message_retention_seconds + local.longest_retention_seconds) / 86400) + 1");
        assertThat(expression(mainQueue().get("message_retention_seconds"))).isEqualTo("var.queue_message_retention_seconds");
        assertThat(number(deadLetterQueue().get("message_retention_seconds"))).isEqualTo(number(module.local("longest_retention_seconds")));
    }

    @Test
    void theFunctionsThatStoreOrReadBodiesAreGivenThePayloadBucket() {
        assertThat(module.local("payload_bucket_environment")).satisfies(environment ->
                assertThat(expression(((Map<?, ?>) environment).get("INBOUND_CLAIM_CHECK_BUCKET"))).isEqualTo("aws_s3_bucket.payloads.bucket"));
        Map<String, Object> functions = new TreeMap<>();
        ((Map<?, ?>) module.local("pipeline_functions")).forEach((name, definition) -> functions.put(String.valueOf(name), definition));
        ((Map<?, ?>) module.local("console_function")).forEach((name, definition) -> functions.put(String.valueOf(name), definition));
        assertThat(functions).containsOnlyKeys("authorizer", "ingest", "worker", "replay", "console", "retention");
        functions.forEach((function, definition) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>) ((Map<?, ?>) definition).get("environment");
            if (List.of("ingest", "worker", "replay", "console").contains(function)) {
                assertThat(environment).as("%s", function).containsKey("INBOUND_CLAIM_CHECK_BUCKET");
            } else {
                assertThat(environment).as("%s", function).doesNotContainKey("INBOUND_CLAIM_CHECK_BUCKET");
            }
        });
    }

    @Test
    void onlyIngestStoresBodiesAndTheOthersReadAndRemoveThemOnThePayloadBucketAlone() {
        Map<String, Map<String, String>> s3Grants = new TreeMap<>();
        ((Map<?, ?>) module.local("function_policy_json")).forEach((function, json) -> {
            Map<String, String> grants = new TreeMap<>();
            if (json != null) {
                Map<String, Object> document = module.dataSources("aws_iam_policy_document").get(expression(json).split("\\.")[2].replace("[0]", ""));
                List<Map<String, Object>> statements = new ArrayList<>(blocks(document.get("statement")));
                for (String source : expressions(document.get("source_policy_documents"))) {
                    String name = source.split("\\.")[2];
                    if (!name.contains("[")) {
                        statements.addAll(blocks(module.dataSources("aws_iam_policy_document").get(name).get("statement")));
                    }
                }
                statements.forEach(statement -> expressions(statement.get("actions")).stream().filter(action -> action.startsWith("s3:"))
                        .forEach(action -> grants.put(action, String.join(", ", expressions(statement.get("resources"))))));
            }
            s3Grants.put(String.valueOf(function), grants);
        });

        Map<String, String> readAndRemove = Map.of(
                "s3:GetObject", OBJECTS_OF_THE_PAYLOAD_BUCKET,
                "s3:ListBucket", "aws_s3_bucket.payloads.arn",
                "s3:DeleteObject", OBJECTS_OF_THE_PAYLOAD_BUCKET);
        assertThat(s3Grants).isEqualTo(Map.of(
                "authorizer", Map.of(),
                "ingest", Map.of("s3:PutObject", OBJECTS_OF_THE_PAYLOAD_BUCKET),
                "worker", readAndRemove,
                "replay", readAndRemove,
                "console", readAndRemove,
                "retention", Map.of()));
    }

    @Test
    void everyPermissionIsAStatementThisTestReads() {
        assertThat(module.resourceTypes()).as("managed policies would grant what this test cannot see")
                .doesNotContain("aws_iam_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment");
        module.resources("aws_iam_role").forEach((name, role) ->
                assertThat(role).as(name).doesNotContainKeys("inline_policy", "managed_policy_arns"));
        module.resources("aws_iam_role_policy").forEach((name, rolePolicy) ->
                assertThat(policyDocumentsBehind(rolePolicy.get("policy"))).as(name)
                        .isNotEmpty().allMatch(document -> document.matches("data\\.aws_iam_policy_document\\.\\w+(\\[0\\])?\\.json")));
    }

    @Test
    void terraformNeverHoldsASecretValue() {
        // Secret values are set with `aws secretsmanager put-secret-value`, never through Terraform state.
        assertThat(module.resourceTypes()).doesNotContain("aws_secretsmanager_secret_version");
        assertThat(module.resources("aws_secretsmanager_secret")).isNotEmpty();
    }

    @Test
    void everyVariableIsTypedAndDescribed() {
        assertThat(module.variables()).isNotEmpty().allSatisfy((name, variable) -> {
            assertThat(variable.get("type")).as("type of variable %s", name).isNotNull();
            assertThat(variable.get("description")).as("description of variable %s", name)
                    .isInstanceOfSatisfying(String.class, description -> assertThat(description).isNotBlank());
        });
    }

    @Test
    void consoleRoutesAreTheOperatorRequestsOfTheCodeEachProxiedToTheConsoleAlias() throws IOException {
        Map<String, Map<String, Object>> routes = localMaps("console_routes");
        Map<String, Object> method = module.resources("aws_api_gateway_method").get("console");
        Map<String, Object> integration = module.resources("aws_api_gateway_integration").get("console");
        Map<String, Object> permission = module.resources("aws_lambda_permission").get("api_gateway_invokes_console");

        assertThat(routes.keySet()).isEqualTo(Arrays.stream(OperatorRequest.values())
                .map(request -> request.method() + " " + request.path()).collect(Collectors.toSet()));
        routes.forEach((name, route) -> {
            assertThat(route.get("method") + " /" + route.get("path")).isEqualTo(name);
            assertThat(route.get("arn_path")).as(name).isEqualTo(String.valueOf(route.get("path")).replaceAll("\\{\\w+\\}", "*"));
        });
        assertThat(consolePaths()).containsAll(routes.values().stream().map(route -> String.valueOf(route.get("path"))).toList());
        // hcl4j reads local.console_routes as its value in the file that defines it
        for (Map<String, Object> routed : List.of(method, integration, permission)) {
            assertThat(module.resolveLocal(routed.get("for_each"))).isEqualTo(routes);
        }
        // the function checks the admin token, as the server shape does: not the webhooks' authorizer
        assertThat(method.get("authorization")).isEqualTo("NONE");
        assertThat(method).doesNotContainKey("authorizer_id");
        assertThat(expression(method.get("resource_id"))).isEqualTo("local.console_path_ids[each.value.path]");
        assertThat(integration.get("type")).isEqualTo("AWS_PROXY");
        assertThat(integration.get("integration_http_method")).isEqualTo("POST");
        assertReferencesFunctionAlias(integration.get("uri"), "console", "invoke_arn");
        assertReferencesFunctionAlias(permission.get("qualifier"), "console", "name");
        assertThat(expression(permission.get("source_arn"))).endsWith("/*/each.value.method/each.value.arn_path");
        assertThat(Files.readString(MODULE_DIRECTORY.resolve("api.tf"))).as("the deployment redeploys when a console route changes")
                .containsPattern("triggers = \\{[^}]*local\\.console_api_deployment");
    }

    @Test
    void consoleIsOnByDefaultAndComesAndGoesWhole() throws IOException {
        Map<String, Object> enabled = module.variables().get("enable_console");
        String terraform = allTerraform();

        assertThat(String.valueOf(enabled.get("type"))).contains("boolean");
        assertThat(enabled.get("default")).isEqualTo(true);
        assertThat(module.instancesOf(module.resources("aws_lambda_function").get("function"))).containsKey("console");
        assertThat(terraform).containsPattern("lambda_functions = merge\\(local\\.pipeline_functions, local\\.console_function\\)");
        for (String local : List.of("console_function", "console_top_paths", "console_second_paths", "console_third_paths", "console_routes")) {
            assertThat(terraform).as("local.%s only with the console", local).containsPattern(local + "\\s*=\\s*var\\.enable_console \\?");
        }
        for (String counted : List.of("resource \"aws_secretsmanager_secret\" \"admin_token\"", "data \"aws_iam_policy_document\" \"console\"")) {
            assertThat(terraform).as(counted + " only with the console")
                    .containsPattern(Pattern.quote(counted) + " \\{\\s*count\\s*=\\s*var\\.enable_console \\? 1 : 0");
        }
        // hcl4j reads each local as its value
        for (String level : List.of("top", "second", "third")) {
            assertThat(module.resources("aws_api_gateway_resource").get("console_" + level).get("for_each"))
                    .isEqualTo(module.local("console_" + level + "_paths"));
        }
        assertThat(module.outputs()).containsKeys("console_url", "admin_token_secret_arn");
    }

    @Test
    void consoleRoleReadsAndReplaysButNeverConsumesTheQueueNorWritesDeadLetters() {
        Map<String, Object> document = module.dataSources("aws_iam_policy_document").get("console");
        Map<String, String> grants = new TreeMap<>();
        // its own statements and those it shares with the replay function
        for (String name : List.of("console", "replay_dead_letters")) {
            blocks(module.dataSources("aws_iam_policy_document").get(name).get("statement")).forEach(statement -> {
                for (String action : expressions(statement.get("actions"))) {
                    grants.merge(action, String.join(", ", expressions(statement.get("resources"))), (one, other) -> one + ", " + other);
                }
            });
        }

        assertThat(expressions(document.get("source_policy_documents"))).startsWith(
                "data.aws_iam_policy_document.function_logs[\"console\"].json", "data.aws_iam_policy_document.read_database_password.json",
                "data.aws_iam_policy_document.replay_dead_letters.json");
        assertThat(expressions(module.dataSources("aws_iam_policy_document").get("replay").get("source_policy_documents")))
                .contains("data.aws_iam_policy_document.replay_dead_letters.json");
        assertThat(grants).isEqualTo(Map.of(
                "secretsmanager:GetSecretValue", "aws_secretsmanager_secret.admin_token[0].arn",
                "sqs:GetQueueAttributes", "aws_sqs_queue.events.arn, aws_sqs_queue.dead_letters.arn",
                "sqs:GetQueueUrl", "aws_sqs_queue.dead_letters.arn, aws_sqs_queue.events.arn",
                "sqs:ReceiveMessage", "aws_sqs_queue.dead_letters.arn",
                "sqs:DeleteMessage", "aws_sqs_queue.dead_letters.arn",
                "sqs:ChangeMessageVisibility", "aws_sqs_queue.dead_letters.arn",
                "sqs:SendMessage", "aws_sqs_queue.events.arn",
                "lambda:InvokeFunction", "local.worker_alias_arn"));
    }

    @Test
    void consoleFunctionReadsItsTokenFromItsSecretAndAnswersBeforeApiGatewayGivesUp() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> console = (Map<String, Object>) ((Map<String, Object>) module.local("console_function")).get("console");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) console.get("environment");
        Map<String, Object> dashboard = module.resources("aws_cloudwatch_dashboard").get("inbound");

        assertThat(expression(environment.get("INBOUND_ADMIN_TOKEN_ARN"))).isEqualTo("aws_secretsmanager_secret.admin_token[0].arn");
        // hcl4j reads local.worker_alias_arn as its value
        assertThat(environment.get("INBOUND_REPLAY_WORKER_FUNCTION")).isEqualTo(module.local("worker_alias_arn"));
        // hcl4j reads local.console_dashboard_name as its value: the dashboard's own name
        assertThat(environment.get("INBOUND_CONSOLE_DASHBOARD")).isEqualTo(module.local("console_dashboard_name"))
                .isEqualTo(dashboard.get("dashboard_name"));
        assertThat(environment).containsKeys("INBOUND_DB_URL", "INBOUND_DB_PASSWORD_ARN", "INBOUND_QUEUE_NAME", "INBOUND_DLQ_NAME",
                "INBOUND_DLQ_VISIT_LIMIT_MS", "INBOUND_REPLAY_INVOKE_TIMEOUT_MS");
        String terraform = allTerraform();
        // within API Gateway's 29 s, with a replay's visit and a direct replay's wait shorter still
        assertThat(terraform).contains("var.lambda_timeout_seconds.console >= 10 && var.lambda_timeout_seconds.console <= 29")
                .contains("INBOUND_DLQ_VISIT_LIMIT_MS       = tostring((var.lambda_timeout_seconds.console - 9) * 1000)")
                .contains("INBOUND_REPLAY_INVOKE_TIMEOUT_MS = tostring((var.lambda_timeout_seconds.console - 5) * 1000)");
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopicAndNamesASectionOfTheRunbook() throws IOException {
        String alarms = Files.readString(MODULE_DIRECTORY.resolve("alarms.tf"));
        Set<String> headings = Files.readAllLines(RUNBOOK).stream().filter(line -> line.startsWith("### Runbook: "))
                .map(line -> "runbook-" + line.substring("### Runbook: ".length()).toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());

        assertThat(module.local("runbook")).isEqualTo("Runbook: docs/operating.md#runbook-");
        // hcl4j reads local.alarm_actions as its value
        String actions = expression(module.local("alarm_actions"));
        module.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) -> {
            assertThat(expression(alarm.get("alarm_actions"))).as("actions of alarm %s", name).isEqualTo(actions);
            assertThat(expression(alarm.get("ok_actions"))).as("ok actions of alarm %s", name).isEqualTo(actions);
            assertThat(expression(alarm.get("alarm_description"))).as("description of alarm %s", name).contains("Runbook: docs/operating.md#runbook-");
        });
        for (String section : RUNBOOK_SECTIONS) {
            assertThat(alarms).as("an alarm names runbook section %s", section).contains(section + "\"");
            assertThat(headings).as("docs/operating.md has the section").contains("runbook-" + section);
        }
    }

    @Test
    void alarmsNotifyATopicOfTheirOwnUnlessOneIsGivenWithAnOptionalEmailSubscription() throws IOException {
        Map<String, Object> topic = module.resources("aws_sns_topic").get("alarms");
        Map<String, Object> email = module.resources("aws_sns_topic_subscription").get("alarm_email");
        // hcl4j evaluates a conditional count with the variables' defaults: the conditions are read as written
        String alarms = Files.readString(MODULE_DIRECTORY.resolve("alarms.tf"));

        assertThat(alarms).containsPattern("count\\s*=\\s*var\\.alarm_sns_topic_arn == null \\? 1 : 0")
                .containsPattern("count\\s*=\\s*var\\.alarm_email != null && var\\.alarm_sns_topic_arn == null \\? 1 : 0")
                .containsPattern("alarm_topic_arn\\s*=\\s*var\\.alarm_sns_topic_arn == null \\? aws_sns_topic\\.alarms\\[0\\]\\.arn : var\\.alarm_sns_topic_arn");
        // CloudWatch cannot publish to a topic under the AWS-managed key
        assertThat(topic).doesNotContainKey("kms_master_key_id");
        assertThat(email.get("protocol")).isEqualTo("email");
        assertThat(expression(email.get("endpoint"))).isEqualTo("var.alarm_email");
        assertThat(module.variables()).containsKeys("alarm_email", "alarm_sns_topic_arn", "ingest_5xx_alarm_threshold");
    }

    @Test
    void everyDeployedFunctionHasAThrottlesAlarmAndTheWorkerAndTheRetentionAnErrorsAlarm() throws IOException {
        Map<String, Object> alarm = module.resources("aws_cloudwatch_metric_alarm").get("function");
        String alarms = Files.readString(MODULE_DIRECTORY.resolve("alarms.tf"));

        assertThat(expression(alarm.get("namespace"))).isEqualTo("AWS/Lambda");
        // hcl4j does not read a for expression: the alarms' functions as written, the console's included when it is on
        assertThat(alarms).containsPattern("worker_errors\\s*=\\s*\\{ function = \"worker\", metric = \"Errors\"")
                .containsPattern("retention_errors\\s*=\\s*\\{ function = \"retention\", metric = \"Errors\"")
                .containsPattern("for key in keys\\(local\\.lambda_functions\\) : format\\(\"%s_throttles\", key\\) => \\{ function = key, metric = \"Throttles\"")
                .containsPattern("for_each = local\\.function_alarms");
        assertThat(alarms.split("metric = \"Errors\"", -1)).as("only the worker's and the retention's errors page").hasSize(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void retentionFunctionRunsOnItsScheduleThroughItsAliasWithTheDatabaseOnly() {
        Map<String, Object> rule = module.resources("aws_cloudwatch_event_rule").get("retention");
        Map<String, Object> target = module.resources("aws_cloudwatch_event_target").get("retention");
        Map<String, Object> permission = module.resources("aws_lambda_permission").get("events_invoke_retention");
        Map<String, Object> invokeConfig = module.resources("aws_lambda_function_event_invoke_config").get("retention");
        Map<String, Object> retention = (Map<String, Object>) ((Map<String, Object>) module.local("pipeline_functions")).get("retention");
        Map<String, Object> environment = (Map<String, Object>) retention.get("environment");

        assertThat(expression(rule.get("schedule_expression"))).isEqualTo("var.retention_schedule");
        assertThat(module.variables().get("retention_schedule")).containsEntry("default", "rate(1 hour)");
        assertThat(module.variables().get("retention_days")).containsEntry("default", 14.0);
        assertThat(module.resourceReferencedBy(target.get("rule"))).isSameAs(rule);
        assertReferencesFunctionAlias(target.get("arn"), "retention", "arn");
        assertThat(permission.get("principal")).isEqualTo("events.amazonaws.com");
        assertThat(module.resourceReferencedBy(permission.get("source_arn"))).isSameAs(rule);
        assertReferencesFunctionAlias(permission.get("qualifier"), "retention", "name");
        // the next scheduled run is the retry
        assertThat(invokeConfig.get("maximum_retry_attempts")).isEqualTo(0.0);
        assertReferencesFunctionAlias(invokeConfig.get("qualifier"), "retention", "name");

        assertThat(retention.get("handler")).isEqualTo("inbound.lambda.RetentionHandler::handleRequest");
        Map<String, Object> worker = (Map<String, Object>) ((Map<String, Object>) module.local("pipeline_functions")).get("worker");
        assertThat(retention.get("in_vpc")).as("in the database's VPC as the worker is").isEqualTo(worker.get("in_vpc"));
        assertThat(environment).containsKeys("INBOUND_DB_URL", "INBOUND_DB_PASSWORD_ARN", "INBOUND_RETENTION_DAYS", "JAVA_TOOL_OPTIONS")
                .doesNotContainKeys("INBOUND_QUEUE_NAME", "INBOUND_DLQ_NAME");
        @SuppressWarnings("unchecked")
        Map<String, Object> console = (Map<String, Object>) ((Map<String, Object>) module.local("console_function")).get("console");
        assertThat((Map<String, Object>) console.get("environment")).as("the console's overview says how long events are kept")
                .containsKey("INBOUND_RETENTION_DAYS");

        Map<String, Object> policy = module.dataSources("aws_iam_policy_document").get("retention");
        assertThat(policy).as("no statement of its own").doesNotContainKey("statement");
        // hcl4j reads local.vpc_policy_documents as the VPC's document, as if the functions were in a VPC
        assertThat(expressions(policy.get("source_policy_documents"))).containsExactly(
                "data.aws_iam_policy_document.function_logs[\"retention\"].json", "data.aws_iam_policy_document.read_database_password.json",
                "data.aws_iam_policy_document.vpc_network_interfaces.json");
    }

    @Test
    void dashboardShowsWhatTheAlarmsWatchAndWhatExplainsThem() throws IOException {
        assertThat(module.resources("aws_cloudwatch_dashboard")).containsKey("inbound");
        String dashboard = Files.readString(MODULE_DIRECTORY.resolve("dashboard.tf"));

        assertThat(dashboard).contains("inbound_ingest_requests_total", "inbound_worker_events_total", "\"5XXError\"", "\"4XXError\"",
                "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "aws_sqs_queue.events.name",
                "aws_sqs_queue.dead_letters.name", "\"Errors\"", "\"Throttles\"", "\"Duration\"", "\"Latency\"",
                // Lambda's own lines are JSON (logging_config): a cold start is in its platform.report's metrics
                "platform.report", "record.metrics.restoreDurationMs", "record.metrics.initDurationMs");
        // every function deployed, the console's too when it is on: the function widgets and the cold starts
        assertThat(dashboard.split("keys\\(local\\.lambda_functions\\)", -1)).hasSize(3);
        assertThat(dashboard).doesNotContain("\"authorizer\", \"ingest\"");
    }

    @Test
    void everyInboundMetricTheDashboardAndAlarmsUseIsOneTheCodeEmitsUnderItsTags() throws IOException {
        // CloudWatch's SEARCH schema {namespace,dimension,...} matches a metric only with exactly those dimensions
        Pattern search = Pattern.compile("\\{Inbound,([^}]*)\\} MetricName=\\\\?\"([a-z_]+)");
        int searches = 0;
        for (String file : List.of("dashboard.tf", "alarms.tf")) {
            Matcher uses = search.matcher(Files.readString(MODULE_DIRECTORY.resolve(file)));
            while (uses.find()) {
                searches++;
                String metric = uses.group(2);
                assertThat(MetricNames.TAGS).as("%s uses metric %s", file, metric).containsKey(metric);
                assertThat(List.of(uses.group(1).split(","))).as("dimensions of %s in %s", metric, file)
                        .containsExactlyInAnyOrderElementsOf(MetricNames.TAGS.get(metric));
            }
        }
        module.resources("aws_cloudwatch_metric_alarm").forEach((name, alarm) -> {
            if ("Inbound".equals(expression(alarm.get("namespace")))) {
                assertThat(MetricNames.TAGS).as("metric of alarm %s", name).containsKey(expression(alarm.get("metric_name")));
            }
        });
        assertThat(searches).as("the dashboard's graphs of Inbound's own metrics").isGreaterThanOrEqualTo(2);
    }

    @Test
    void terraformAndTheAwsProviderArePinned() {
        Map<String, Object> aws = block(block(module.terraformSettings(), "required_providers"), "aws");

        assertThat(module.terraformSettings().get("required_version")).isEqualTo(">= 1.5");
        assertThat(aws.get("source")).isEqualTo("hashicorp/aws");
        assertThat(expression(aws.get("version"))).as("one major version").matches("~> \\d+\\.\\d+");
    }

    @Test
    void moduleLeavesTheProviderConfigurationToItsCaller() {
        // A module with a provider block cannot be called with count, for_each or depends_on, and
        // removing its call would leave its resources with no provider to destroy them.
        assertThat(module.providerConfigurations()).as("provider blocks of the module").isEmpty();
    }

    @Test
    void everyTaggableResourceCarriesTheModuleTags() {
        // local.tags merges the caller's tags over these; hcl4j does not evaluate merge(...).
        assertThat(module.local("module_tags")).isEqualTo(Map.of("Application", "inbound"));
        assertThat(module.variables()).containsKey("tags");
        for (String type : module.resourceTypes()) {
            if (!TYPES_WITHOUT_TAGS.contains(type)) {
                module.resources(type).forEach((name, resource) ->
                        assertThat(expression(resource.get("tags"))).as("tags of %s.%s", type, name).isEqualTo("local.tags"));
            }
        }
    }

    @Test
    void completeExampleCallsThisModuleWithAConfiguredProvider() {
        Map<String, Object> call = inboundCallOfTheCompleteExample();

        assertThat(COMPLETE_EXAMPLE.resolve(expression(call.get("source"))).normalize())
                .as("source of the module call").isEqualTo(MODULE_DIRECTORY.normalize());
        assertThat(completeExample.providerConfigurations()).containsOnlyKeys("aws");
        assertThat(completeExample.providerConfigurations().get("aws")).containsKey("region");
    }

    @Test
    void completeExamplePassesEveryRequiredVariableAndOnlyVariablesOfTheModule() {
        Set<String> arguments = inboundCallOfTheCompleteExample().keySet().stream()
                .filter(argument -> !MODULE_META_ARGUMENTS.contains(argument))
                .collect(Collectors.toSet());

        assertSetsEveryRequiredVariableAndOnlyVariablesOfTheModule(arguments, COMPLETE_EXAMPLE);
    }

    @Test
    void tfvarsExampleSetsEveryRequiredVariableAndOnlyVariablesOfTheModule() {
        assertSetsEveryRequiredVariableAndOnlyVariablesOfTheModule(
                TerraformModule.parseVariableValues(TFVARS_EXAMPLE).keySet(), TFVARS_EXAMPLE);
    }

    @Test
    void completeExampleReadsOnlyOutputsOfTheModule() {
        List<Matcher> moduleOutputsRead = completeExample.outputs().values().stream()
                .map(output -> MODULE_OUTPUT_REFERENCE.matcher(expression(output.get("value"))))
                .filter(Matcher::matches)
                .toList();

        assertThat(moduleOutputsRead).as("outputs of the example that pass on an output of the module").isNotEmpty();
        for (Matcher reference : moduleOutputsRead) {
            assertThat(completeExample.moduleCalls()).containsKey(reference.group(1));
            assertThat(module.outputs().keySet()).as("outputs of the module").contains(reference.group(2));
        }
    }

    @Test
    void completeExampleRequiresTheTerraformAndAwsProviderVersionsOfTheModule() {
        assertThat(completeExample.terraformSettings().get("required_version"))
                .isEqualTo(module.terraformSettings().get("required_version"));
        assertThat(block(block(completeExample.terraformSettings(), "required_providers"), "aws"))
                .isEqualTo(block(block(module.terraformSettings(), "required_providers"), "aws"));
    }

    /** A local that is a map of maps (as hcl4j reads it: a conditional on a variable as its first branch). */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> localMaps(String name) {
        Object local = module.local(name);
        assertThat(local).as("local." + name).isInstanceOf(Map.class);
        return (Map<String, Map<String, Object>>) local;
    }

    /** The console's API paths, each built from its parent's path and its own part, down from the API's root. */
    private static Set<String> consolePaths() {
        Set<String> paths = new HashSet<>();
        Map<String, Object> top = module.resources("aws_api_gateway_resource").get("console_top");
        assertThat(expression(top.get("parent_id"))).endsWith(".root_resource_id");
        module.instancesOf(top).forEach((path, part) -> {
            assertThat(part).isEqualTo(path);
            paths.add(path);
        });
        for (String level : List.of("console_second", "console_third")) {
            Map<String, Object> resource = module.resources("aws_api_gateway_resource").get(level);
            assertThat(expression(resource.get("parent_id"))).matches("aws_api_gateway_resource\\.console_\\w+\\[each\\.value\\.parent\\]\\.id");
            Set<String> parents = Set.copyOf(paths);
            module.instancesOf(resource).forEach((path, instance) -> {
                Map<?, ?> built = (Map<?, ?>) instance;
                assertThat(parents).as("parent of " + path).contains(String.valueOf(built.get("parent")));
                assertThat(built.get("parent") + "/" + built.get("part")).isEqualTo(path);
                paths.add(path);
            });
        }
        return paths;
    }

    /** Every .tf file of the module, as text: for what hcl4j evaluates away (conditions, arithmetic). */
    private static String allTerraform() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(MODULE_DIRECTORY)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".tf")).sorted().toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static Map<String, Object> mainQueue() {
        return module.resources("aws_sqs_queue").get(mainQueueName());
    }

    private static Map<String, Object> deadLetterQueue() {
        return module.resources("aws_sqs_queue").get(deadLetterQueueName());
    }

    /** The queue with a redrive policy; the test expects exactly one. */
    private static String mainQueueName() {
        List<String> withRedrive = module.resources("aws_sqs_queue").entrySet().stream()
                .filter(queue -> queue.getValue().containsKey("redrive_policy"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(withRedrive).as("queues with a redrive policy").hasSize(1);
        return withRedrive.get(0);
    }

    /** The queue the main queue's redrive policy names. */
    private static String deadLetterQueueName() {
        String target = jsonExpression(json(module.resources("aws_sqs_queue").get(mainQueueName()).get("redrive_policy"))
                .get("deadLetterTargetArn"));
        Matcher queueArn = Pattern.compile("aws_sqs_queue\\.(\\w+)\\.arn").matcher(target);
        assertThat(queueArn.matches()).as("deadLetterTargetArn %s is a queue of the module", target).isTrue();
        assertThat(module.resources("aws_sqs_queue")).containsKey(queueArn.group(1));
        return queueArn.group(1);
    }

    /** A number literal, or the default of the variable it names, which must be validated. */
    private static double literalOrValidatedDefault(Object value) {
        String text = expression(value);
        if (!text.startsWith("var.")) {
            return number(value);
        }
        Map<String, Object> variable = module.variables().get(text.substring("var.".length()));
        assertThat(variable).as("variable behind " + text).isNotNull().containsKey("validation");
        return number(variable.get("default"));
    }

    /** A policy document that allows execute-api:Invoke only to requests through the static IP entry's VPC endpoint. */
    private static void assertAllowsOnlyTheStaticIpEndpoint(TerraformModule entry, Object policy) {
        Matcher document = Pattern.compile("data\\.aws_iam_policy_document\\.(\\w+)\\[0\\]\\.json").matcher(expression(policy));
        assertThat(document.matches()).as("%s is a policy document of the module", expression(policy)).isTrue();
        Map<String, Object> statement = block(entry.dataSources("aws_iam_policy_document").get(document.group(1)), "statement");
        Map<String, Object> condition = block(statement, "condition");

        assertThat(statement).containsEntry("effect", "Allow");
        assertThat(expressions(statement.get("actions"))).containsExactly("execute-api:Invoke");
        assertThat(condition).containsEntry("test", "StringEquals").containsEntry("variable", "aws:SourceVpce");
        assertThat(expressions(condition.get("values"))).containsExactly("aws_vpc_endpoint.execute_api[0].id");
    }

    /** The value is {@code aws_lambda_alias.<name>["<function>"].<attribute>} of an alias that exists for that function. */
    private static void assertReferencesFunctionAlias(Object value, String function, String attribute) {
        String text = expression(value);
        Matcher reference = INSTANCE_REFERENCE.matcher(text);
        assertThat(reference.matches()).as("%s refers to one instance of a resource", text).isTrue();
        assertThat(reference.group(1)).as("resource type in %s", text).isEqualTo("aws_lambda_alias");
        assertThat(reference.group(3)).as("function in %s", text).isEqualTo(function);
        assertThat(reference.group(4)).as("attribute in %s", text).isEqualTo(attribute);

        Map<String, Object> alias = module.resources("aws_lambda_alias").get(reference.group(2));
        assertThat(alias).as("alias %s", reference.group(2)).isNotNull();
        assertThat(module.instancesOf(alias)).containsKey(function);
        // An alias of a published version, the one SnapStart restores, not of $LATEST.
        assertThat(expression(alias.get("function_version"))).matches("aws_lambda_function\\.\\w+\\[each\\.key\\]\\.version");
    }

    /**
     * With caching off an identity source is not a cache key, but API Gateway still answers 401
     * without calling the authorizer when a request lacks one. A webhook provider sends no
     * Authorization header (the provider's default), so the source must be a stage variable the
     * stage sets: present on every request.
     */
    private static void assertIdentitySourceIsOnEveryRequest(String identitySource) {
        assertThat(identitySource).startsWith("stageVariables.").doesNotContain(",");
        Map<String, Object> stage = module.onlyResource("aws_api_gateway_stage").getValue();
        assertThat(block(stage, "variables")).containsKey(identitySource.substring("stageVariables.".length()));
    }

    /** The complete example's one module block, which calls this module. */
    private static Map<String, Object> inboundCallOfTheCompleteExample() {
        assertThat(completeExample.moduleCalls()).as("module calls of " + COMPLETE_EXAMPLE).hasSize(1);
        return completeExample.moduleCalls().values().iterator().next();
    }

    private static void assertSetsEveryRequiredVariableAndOnlyVariablesOfTheModule(Set<String> variablesSet, Path example) {
        Set<String> required = module.variables().entrySet().stream()
                .filter(variable -> !variable.getValue().containsKey("default"))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        assertThat(required).as("variables of the module without a default").isNotEmpty();
        assertThat(variablesSet).as("variables %s sets", example)
                .containsAll(required)
                .isSubsetOf(module.variables().keySet());
    }

    /** The POST method on /webhooks/{provider}. */
    private static Map<String, Object> postWebhookMethod() {
        return postWebhookMethod(module);
    }

    private static Map<String, Object> postWebhookMethod(TerraformModule parsed) {
        List<Map<String, Object>> posts = parsed.resources("aws_api_gateway_method").values().stream()
                .filter(method -> "POST".equals(method.get("http_method")))
                .toList();
        assertThat(posts).as("POST methods").hasSize(1);
        Map<String, Object> method = posts.get(0);

        Map<String, Object> providerResource = parsed.resourceReferencedBy(method.get("resource_id"));
        Map<String, Object> webhooksResource = parsed.resourceReferencedBy(providerResource.get("parent_id"));
        assertThat(providerResource.get("path_part")).isEqualTo("{provider}");
        assertThat(webhooksResource.get("path_part")).isEqualTo("webhooks");
        assertThat(expression(webhooksResource.get("parent_id"))).endsWith(".root_resource_id");
        return method;
    }

    private static Set<String> deployedHandlers() {
        return module.resources("aws_lambda_function").values().stream()
                .flatMap(function -> module.attributePerInstance(function, "handler").values().stream())
                .map(TerraformModule::expression)
                .collect(Collectors.toSet());
    }

    /** inbound.lambda.WorkerHandler::handleRequest → inbound/lambda/WorkerHandler.class */
    private static String classFileOf(String handler) {
        assertThat(handler).matches("[\\w.]+::\\w+");
        return handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class";
    }

    /** Every statement of every aws_iam_policy_document, dynamic ones included. */
    private static List<Map<String, Object>> policyStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        module.dataSources("aws_iam_policy_document").values().forEach(document -> {
            statements.addAll(blocks(document.get("statement")));
            blocks(block(document, "dynamic").get("statement"))
                    .forEach(dynamic -> statements.add(block(dynamic, "content")));
        });
        return statements;
    }

    /**
     * A statement's resources as far as the HCL shows them: a literal list, or the list in the
     * local it names. A trust policy (principals, no resources) has none.
     */
    private static List<String> resourcesOf(Map<String, Object> statement) {
        if (statement.containsKey("principals") && !statement.containsKey("resources")) {
            return List.of();
        }
        Object resources = statement.get("resources");
        assertThat(resources).as("resources of statement %s: a list or a local, which this test can read",
                statement.get("sid")).isNotNull();
        Object resolved = module.resolveLocal(resources);
        // A local hcl4j cannot evaluate (one built by a function) is a list of ARNs: its name is not "*".
        return resolved instanceof List<?> ? expressions(resolved) : List.of(expression(resources));
    }

    /** "*", or every resource of a service in an account ("arn:aws:logs:*:*:*", "arn:aws:sqs:eu-west-1:123456789012:*"). */
    private static boolean coversEveryResource(String resource) {
        return resource.equals("*") || resource.matches("arn:[^:]*:[^:]+:[^:]*:[^:]*:\\*");
    }

    /** Describe* and List* read metadata only; Get* can read data (GetSecretValue), so it is not counted here. */
    private static boolean readsOnlyMetadata(String action) {
        String operation = action.substring(action.indexOf(':') + 1);
        return operation.startsWith("Describe") || operation.startsWith("List");
    }

    /** The policy documents a role policy's policy names: one, or each of a local map of them ({@code local.x[each.key]}). */
    private static List<String> policyDocumentsBehind(Object policy) {
        Matcher perInstance = Pattern.compile("local\\.(\\w+)\\[each\\.key\\]").matcher(expression(policy));
        if (!perInstance.matches()) {
            return List.of(expression(policy));
        }
        Object documents = module.local(perInstance.group(1));
        assertThat(documents).as(expression(policy)).isInstanceOf(Map.class);
        return ((Map<?, ?>) documents).values().stream().map(TerraformModule::expression).toList();
    }
}
