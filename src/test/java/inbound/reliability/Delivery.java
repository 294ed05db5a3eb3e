package inbound.reliability;

/**
 * One webhook the harness sends until it is acknowledged: the {@code seq}-th of its group, as a provider
 * would retry it; its body padded to {@code bodyBytes} where that is more than the body needs. A
 * {@code poison} one fails its processing until the harness's fix is in (see {@link HarnessServer}): it
 * is dead-lettered, and processed only once replayed.
 */
record Delivery(String provider, String group, int seq, String deliveryId, int bodyBytes, boolean poison) {
}
