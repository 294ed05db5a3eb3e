package inbound.claimcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadPointerTest {

    /** As Amazon's SQS extended client (amazon-sqs-java-extended-client-lib) writes a stored body's message. */
    private static final String EXTENDED_CLIENT_BODY =
            "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"my-bucket\",\"s3Key\":\"0a1b2c3d-key\"}]";

    @Test
    void shouldWriteAndReadTheExtendedClientsFormat() {
        PayloadPointer pointer = new PayloadPointer("my-bucket", "0a1b2c3d-key");

        assertThat(pointer.toBody()).isEqualTo(EXTENDED_CLIENT_BODY);
        assertThat(PayloadPointer.inMessage(EXTENDED_CLIENT_BODY, "1234567")).contains(pointer);
    }

    @Test
    void shouldTakeABodyWithoutTheSizeAttributeAsABodyHoweverItLooks() {
        assertThat(PayloadPointer.inMessage(EXTENDED_CLIENT_BODY, null)).isEmpty();
        assertThat(PayloadPointer.inMessage("{\"id\": 1}", null)).isEmpty();
    }

    @Test
    void shouldRefuseAMessageThatSaysItsBodyIsStoredButHoldsNoPointer() {
        for (String body : new String[] {"{\"id\": 1}", "not json", "", "[\"other.Pointer\",{\"s3BucketName\":\"b\",\"s3Key\":\"k\"}]",
                "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"b\"}]"}) {
            assertThatThrownBy(() -> PayloadPointer.inMessage(body, "10")).as(body).isInstanceOf(PayloadUnavailable.class);
        }
    }
}
