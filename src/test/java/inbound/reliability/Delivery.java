package inbound.reliability;

/**
 * One webhook the harness sends until it is acknowledged: the {@code seq}-th of its group, as a provider
 * would retry it; its body padded to {@code bodyBytes} where that is more than the body needs.
 */
record Delivery(String provider, String group, int seq, String deliveryId, int bodyBytes) {
}
