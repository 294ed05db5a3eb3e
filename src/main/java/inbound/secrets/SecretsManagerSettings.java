package inbound.secrets;

import inbound.settings.SettingsReader;
import java.net.URI;
import java.util.Optional;

/** Where secrets named by ARN are read: AWS Secrets Manager's endpoint (unless another is given), in the queue's region unless another is given. */
public record SecretsManagerSettings(Optional<URI> endpoint, String region) {

    public static SecretsManagerSettings read(SettingsReader settings) {
        return new SecretsManagerSettings(settings.optionalUri("inbound.secrets.endpoint"),
                settings.optionalText("inbound.secrets.region").orElseGet(() -> settings.text("inbound.sqs.region")));
    }
}
