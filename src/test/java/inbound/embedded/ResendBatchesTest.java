package inbound.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The re-send's batches never carry two messages of one group (ElasticMQ stores a batch's entries in any
 * order), and batches sent one after another keep every group's order.
 */
class ResendBatchesTest {

    private record Message(String group, int seq, int chars) {
    }

    @Test
    void shouldPutAtMostOneMessageOfAGroupInABatchAndKeepEachGroupsOrderAcrossBatches() {
        List<Message> messages = new ArrayList<>();
        for (int group = 0; group < 13; group++) {
            for (int seq = 0; seq < 7 + group; seq++) {
                messages.add(new Message("g" + group, seq, 10));
            }
        }

        List<List<Message>> batches = ResendBatches.of(messages, Message::group, Message::chars, 10, 1_000);

        Map<String, Integer> next = new HashMap<>();
        for (List<Message> batch : batches) {
            assertThat(batch).hasSizeBetween(1, 10);
            Set<String> groups = new HashSet<>();
            for (Message message : batch) {
                assertThat(groups.add(message.group())).as("one message of %s per batch", message.group()).isTrue();
                assertThat(message.seq()).as("%s in its order", message.group()).isEqualTo(next.getOrDefault(message.group(), 0));
                next.put(message.group(), message.seq() + 1);
            }
        }
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(messages.size());
        assertThat(batches.get(0)).as("ten groups at once where there are ten").hasSize(10);
    }

    @Test
    void shouldKeepABatchsBodiesUnderTheirLimitAndSendALargerBodyOnItsOwn() {
        List<Message> messages = List.of(new Message("a", 0, 600), new Message("b", 0, 600), new Message("c", 0, 2_000), new Message("a", 1, 100));

        List<List<Message>> batches = ResendBatches.of(messages, Message::group, Message::chars, 10, 1_000);

        assertThat(batches).containsExactly(List.of(messages.get(0)), List.of(messages.get(3), messages.get(1)), List.of(messages.get(2)));
    }
}
