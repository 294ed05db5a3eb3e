package inbound.claimcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inbound.embedded.FilePayloadStore;
import inbound.testing.StoredPayloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim check over a real folder of files: what it stores, how it reads back, and what it refuses. */
class ClaimCheckTest {

    @TempDir
    Path dir;

    private ClaimCheck claimCheck(long threshold) {
        return new ClaimCheck(threshold, new FilePayloadStore(dir.resolve("payloads")));
    }

    private long storedFiles() {
        return new StoredPayloads(dir).files().size();
    }

    @Test
    void shouldStoreOnlyBodiesOverTheThreshold() {
        assertThat(claimCheck(0).storesAside(1)).isTrue();
        assertThat(claimCheck(100).storesAside(100)).isFalse();
        assertThat(claimCheck(100).storesAside(101)).isTrue();
        assertThat(ClaimCheck.NONE.storesAside(Long.MAX_VALUE - 1)).isFalse();
    }

    @Test
    void shouldReadBackTheExactBodyAndRemoveItOnRelease() throws Exception {
        ClaimCheck claimCheck = claimCheck(0);
        byte[] body = "{\"note\": \"caf\u00e9 \u2713 \u2028\"}".getBytes(StandardCharsets.UTF_8);

        PayloadPointer pointer = claimCheck.store(UUID.randomUUID().toString(), body);

        assertThat(pointer.bucket()).isEqualTo(FilePayloadStore.BUCKET);
        assertThat(claimCheck.read(pointer)).contains(new String(body, StandardCharsets.UTF_8));
        assertThat(storedFiles()).isOne();
        claimCheck.release(pointer);
        assertThat(claimCheck.read(pointer)).isEmpty();
        assertThat(storedFiles()).isZero();
        claimCheck.release(pointer);
    }

    @Test
    void shouldStoreTheSameEventAndBodyOnceAndTwoEventsWithTheSameBodyApart() throws Exception {
        ClaimCheck claimCheck = claimCheck(0);
        byte[] body = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
        String eventId = UUID.randomUUID().toString();

        PayloadPointer first = claimCheck.store(eventId, body);
        PayloadPointer retry = claimCheck.store(eventId, body);
        PayloadPointer other = claimCheck.store(UUID.randomUUID().toString(), body);

        assertThat(retry).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(storedFiles()).isEqualTo(2);
        claimCheck.release(first);
        assertThat(claimCheck.read(other)).isPresent();
    }

    @Test
    void shouldRefuseStoredBytesThatDoNotMatchTheirHash() throws Exception {
        ClaimCheck claimCheck = claimCheck(0);
        PayloadPointer pointer = claimCheck.store(UUID.randomUUID().toString(), "{\"id\": 1}".getBytes(StandardCharsets.UTF_8));
        Files.writeString(new StoredPayloads(dir).files().get(0), "{\"id\": 2}");

        assertThatThrownBy(() -> claimCheck.read(pointer)).isInstanceOf(PayloadUnavailable.class).hasMessageContaining("damaged");
    }

    @Test
    void shouldRefuseAPointerToAnotherStoreAndLeaveItAloneOnRelease() {
        PayloadPointer elsewhere = new PayloadPointer("someone-elses-bucket", "key");

        assertThatThrownBy(() -> claimCheck(0).read(elsewhere)).isInstanceOf(PayloadUnavailable.class).hasMessageContaining("someone-elses-bucket");
        assertThatThrownBy(() -> ClaimCheck.NONE.read(elsewhere)).isInstanceOf(PayloadUnavailable.class);
        claimCheck(0).release(elsewhere);
    }

    @Test
    void shouldRefuseKeysThatWouldLeaveItsFolder() {
        for (String key : new String[] {"../../etc/passwd", "/etc/passwd", "a/../../b", "..", "A", "x"}) {
            assertThatThrownBy(() -> claimCheck(0).read(new PayloadPointer(FilePayloadStore.BUCKET, key))).as(key)
                    .isInstanceOf(PayloadUnavailable.class);
        }
    }

    @Test
    void shouldCountAStoredBodyAsItsPointerInTheQueuedMessage() {
        ClaimCheck claimCheck = claimCheck(0);
        PayloadPointer pointer = claimCheck.store(UUID.randomUUID().toString(), new byte[5_000_000]);

        long counted = claimCheck.queuedBytes(5_000_000);

        assertThat(counted).isGreaterThanOrEqualTo(pointer.toBody().length() + PayloadPointer.SIZE_ATTRIBUTE.length() + "String".length() + 7);
        assertThat(counted).isLessThan(400);
        assertThat(ClaimCheck.NONE.queuedBytes(5_000_000)).isEqualTo(5_000_000);
    }
}
