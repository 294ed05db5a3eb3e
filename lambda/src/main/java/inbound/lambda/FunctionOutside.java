package inbound.lambda;

import inbound.secrets.SecretValues;
import inbound.wiring.DatabaseSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * What a function reaches outside its process: AWS's APIs (through the HTTP client and the credentials each AWS
 * client is built with), its secrets, its database, and the log its metric lines ({@link EmfLine}) go to. A
 * function reaches its own ({@link #aws()}). Its priming run reaches nothing ({@link #nothing}): its AWS clients
 * are answered from memory by a {@link PrimingHttpClient}, with fixed credentials (so not even Lambda's
 * credentials endpoint is asked); its secrets are only the run's made-up ones (a setting naming a secret's ARN is
 * not even seen, so Secrets Manager cannot be asked); its database is a private H2 in memory, gone when the run
 * ends; and its metric lines are written nowhere, so that no event it makes up is counted in CloudWatch.
 */
final class FunctionOutside {

    private final PrimingHttpClient primingHttp;
    private final AwsCredentialsProvider credentials;
    private final EmfLine metrics;
    private final MadeUpSecrets madeUpSecrets;

    private FunctionOutside(PrimingHttpClient primingHttp, AwsCredentialsProvider credentials, EmfLine metrics, MadeUpSecrets madeUpSecrets) {
        this.primingHttp = primingHttp;
        this.credentials = credentials;
        this.metrics = metrics;
        this.madeUpSecrets = madeUpSecrets;
    }

    static FunctionOutside aws() {
        return new FunctionOutside(null, LambdaCredentials.PROVIDER, new EmfLine(System.out, Clock.systemUTC()), null);
    }

    static FunctionOutside nothing(MadeUpSecrets secrets) {
        return new FunctionOutside(new PrimingHttpClient(), StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")),
                new EmfLine(new PrintStream(OutputStream.nullOutputStream()), Clock.systemUTC()), secrets);
    }

    /** The settings the function runs with: as read, or with the private database in memory. */
    FunctionSettings settings(FunctionSettings read) {
        if (madeUpSecrets == null) {
            return read;
        }
        DatabaseSettings database = read.database();
        return read.withDatabase(new DatabaseSettings("jdbc:h2:mem:inbound-priming-" + UUID.randomUUID(), "priming", database.timeouts(),
                database.poolSize(), false));
    }

    /** Binds the context's secret values: its settings' (and the secrets they name), or only the made-up ones. */
    void bindSecrets(CamelContext camel, FunctionSettings settings) {
        if (madeUpSecrets == null) {
            SecretValues.bind(camel, settings.secretsManager());
        } else {
            SecretValues.bind(camel, madeUpSecrets::value, settings.secretsManager());
        }
    }

    /**
     * {@code builder} with this outside's HTTP client and credentials: over the network, the JDK's URL connection
     * client (a fast start) with calls that give up after {@code socketTimeout} without an answer.
     */
    <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B connect(B builder, Duration socketTimeout) {
        if (primingHttp != null) {
            return builder.httpClient(primingHttp).credentialsProvider(credentials);
        }
        return builder.httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(socketTimeout))
                .credentialsProvider(credentials);
    }

    EmfLine metrics() {
        return metrics;
    }

    /** How many AWS requests were answered from memory; 0 for a function that reaches AWS, whose requests this does not see. */
    int answeredFromMemory() {
        return primingHttp == null ? 0 : primingHttp.answered();
    }
}
