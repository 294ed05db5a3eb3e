package inbound.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventStatus;
import java.time.Instant;

/** The operator API's JSON: how an event status reads (answers are written by {@link inbound.support.JsonAnswers}). */
public final class OperatorJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private OperatorJson() {
    }

    public static ObjectNode status(EventStatus status) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", status.eventId())
                .put("provider", status.provider())
                .put("topic", status.topic())
                .put("groupId", status.groupId())
                .put("status", status.status())
                .put("receivedAt", text(status.receivedAt()))
                .put("receiveCount", status.receiveCount())
                .put("replayCount", status.replayCount())
                .put("updatedAt", text(status.updatedAt()));
        if (status.errorCode() != null) {
            node.putObject("reason")
                    .put("code", status.errorCode())
                    .put("message", status.errorMessage())
                    .put("stage", status.failedStage());
        }
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
