package inbound.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every acknowledged event classified from what was recorded outside the system under test (the
 * ledger of answers, the effects file) and what it holds at the end (the database's rows, the
 * dead letters): processed once, processed with its effect twice, dead-lettered, or lost; and, across
 * those, reordered — its effect ran after the effect of a later event of its group. Poison events,
 * processed only once replayed from the dead letters, come after later events of their group by
 * design; among themselves they must keep their group's order, as a replay promises.
 */
record Verdict(int sent, int acknowledged, int processedOnce, int effectTwice, int deadLettered, int lost, int reordered,
        int recordedWithoutEffect, Map<String, Integer> answersByCode, String firstReorderedGroup, String lostByGroup) {

    /** How many groups {@link #lostByGroup} names at most. */
    private static final int LOST_GROUPS_SHOWN = 10;

    static Verdict of(List<List<Delivery>> groups, Ledger ledger, List<String> effects, Set<String> recorded, Set<String> deadLettered) {
        Map<String, Integer> effectCount = new HashMap<>();
        Map<String, Integer> firstEffectAt = new HashMap<>();
        for (int i = 0; i < effects.size(); i++) {
            effectCount.merge(effects.get(i), 1, Integer::sum);
            firstEffectAt.putIfAbsent(effects.get(i), i);
        }
        int sent = 0;
        int acknowledged = 0;
        int once = 0;
        int twice = 0;
        int dead = 0;
        int lost = 0;
        int reordered = 0;
        int withoutEffect = 0;
        String firstReorderedGroup = "";
        // where a loss happened tells which part lost it: an event whose effect ran was processed, and the database lost its row
        List<String> lostByGroup = new ArrayList<>();
        for (List<Delivery> group : groups) {
            List<String> lostOfGroup = new ArrayList<>();
            // the latest effect so far of the group's events that were processed as they came, and of its poison ones
            int[] latestEffectSoFar = {-1, -1};
            int reorderedBefore = reordered;
            for (Delivery delivery : group) {
                sent++;
                String eventId = ledger.eventId(delivery).orElse(null);
                if (eventId == null) {
                    continue;
                }
                acknowledged++;
                int count = effectCount.getOrDefault(eventId, 0);
                if (recorded.contains(eventId)) {
                    if (count == 0) {
                        withoutEffect++;
                    } else if (count == 1) {
                        once++;
                    } else {
                        twice++;
                    }
                } else if (deadLettered.contains(eventId)) {
                    dead++;
                } else {
                    lost++;
                    lostOfGroup.add(delivery.seq() + (count > 0 ? "*" : ""));
                }
                Integer at = firstEffectAt.get(eventId);
                int kind = delivery.poison() ? 1 : 0;
                if (at != null) {
                    if (at < latestEffectSoFar[kind]) {
                        reordered++;
                    }
                    latestEffectSoFar[kind] = Math.max(latestEffectSoFar[kind], at);
                }
            }
            if (!lostOfGroup.isEmpty() && lostByGroup.size() < LOST_GROUPS_SHOWN) {
                lostByGroup.add(group.get(0).group() + ": " + String.join(" ", lostOfGroup));
            }
            if (reordered > reorderedBefore && firstReorderedGroup.isEmpty()) {
                firstReorderedGroup = group.get(0).group() + ": " + effectOrder(group, ledger, firstEffectAt);
            }
        }
        return new Verdict(sent, acknowledged, once, twice, dead, lost, reordered, withoutEffect, ledger.answersByCode(), firstReorderedGroup,
                String.join("; ", lostByGroup));
    }

    /** The group's sequence numbers in the order their effects first ran. */
    private static String effectOrder(List<Delivery> group, Ledger ledger, Map<String, Integer> firstEffectAt) {
        return group.stream()
                .filter(delivery -> ledger.eventId(delivery).map(firstEffectAt::containsKey).orElse(false))
                .sorted(Comparator.comparing(delivery -> firstEffectAt.get(ledger.eventId(delivery).orElseThrow())))
                .map(delivery -> String.valueOf(delivery.seq()))
                .collect(Collectors.joining(" "));
    }

    static String tableHeader() {
        return "| scenario | sent | acknowledged | processed once | effect twice | dead-lettered | lost | reordered | answers by code |\n"
                + "|---|---|---|---|---|---|---|---|---|";
    }

    String tableRow(String scenario) {
        return "| " + scenario + " | " + sent + " | " + acknowledged + " | " + processedOnce + " | " + effectTwice + " | "
                + deadLettered + " | " + lost + " | " + reordered + " | " + answersByCode + (recordedWithoutEffect > 0
                        ? " (" + recordedWithoutEffect + " recorded without their effect)" : "") + " |"
                + (firstReorderedGroup.isEmpty() ? "" : "\n\nFirst reordered group, its events in the order they were processed: " + firstReorderedGroup)
                + (lostByGroup.isEmpty() ? "" : "\n\nLost events by group (sequence numbers; * where the effect ran, so the database lost its row): " + lostByGroup);
    }
}
