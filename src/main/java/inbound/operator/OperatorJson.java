package inbound.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.store.EventStatus;
import inbound.store.EventTransition;
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
                .put("deliveryId", status.deliveryId())
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

    /** One step of a timeline: {@code {"status", "at", "receiveCount", "replayCount", "reason"?}}. */
    public static ObjectNode transition(EventTransition transition) {
        ObjectNode node = JSON.createObjectNode()
                .put("status", transition.status())
                .put("at", text(transition.at()))
                .put("receiveCount", transition.receiveCount())
                .put("replayCount", transition.replayCount());
        if (transition.errorCode() != null) {
            node.putObject("reason")
                    .put("code", transition.errorCode())
                    .put("message", transition.errorMessage())
                    .put("stage", transition.failedStage());
        }
        return node;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
