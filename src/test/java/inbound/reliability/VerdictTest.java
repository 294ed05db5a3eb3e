package inbound.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final List<Delivery> SHOP = List.of(delivery("shop", 0), delivery("shop", 1), delivery("shop", 2), delivery("shop", 3));

    private static Delivery delivery(String group, int seq) {
        return new Delivery("shopify", group, seq, group + "-" + seq, 0, false);
    }

    private static Ledger acknowledgedAll() {
        Ledger ledger = new Ledger();
        SHOP.forEach(delivery -> ledger.acknowledged(delivery, delivery.deliveryId()));
        return ledger;
    }

    @Test
    void namesTheLostEventsOfEachGroupAndWhetherTheirEffectRan() {
        Verdict verdict = Verdict.of(List.of(SHOP), acknowledgedAll(), List.of("shop-0", "shop-1", "shop-3"), Set.of("shop-0"), Set.of());

        assertThat(verdict.processedOnce()).isEqualTo(1);
        assertThat(verdict.lost()).isEqualTo(3);
        assertThat(verdict.lostByGroup()).isEqualTo("shop: 1* 2 3*");
        assertThat(verdict.tableRow("crash")).contains("Lost events by group").contains("shop: 1* 2 3*");
    }

    @Test
    void saysNothingOfLossesWhenNoneWasLost() {
        Verdict verdict = Verdict.of(List.of(SHOP), acknowledgedAll(), List.of("shop-0", "shop-1", "shop-2", "shop-3"),
                Set.of("shop-0", "shop-1", "shop-2", "shop-3"), Set.of());

        assertThat(verdict.lost()).isZero();
        assertThat(verdict.reordered()).isZero();
        assertThat(verdict.tableRow("crash")).doesNotContain("Lost events");
    }

    @Test
    void countsAnEventWhoseEffectRanAfterALaterOneOfItsGroupAsReordered() {
        Verdict verdict = Verdict.of(List.of(SHOP), acknowledgedAll(), List.of("shop-0", "shop-2", "shop-1", "shop-3"),
                Set.of("shop-0", "shop-1", "shop-2", "shop-3"), Set.of());

        assertThat(verdict.reordered()).isEqualTo(1);
        assertThat(verdict.firstReorderedGroup()).isEqualTo("shop: 0 2 1 3");
    }
}
