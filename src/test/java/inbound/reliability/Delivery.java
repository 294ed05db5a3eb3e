package inbound.reliability;

/** One webhook the harness sends until it is acknowledged: the {@code seq}-th of its group, as a provider would retry it. */
record Delivery(String provider, String group, int seq, String deliveryId) {
}
