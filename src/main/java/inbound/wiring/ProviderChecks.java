package inbound.wiring;

/** What a shape's entry point can check of a provider's request, and so what {@link ProviderBeans} warns about at start. */
public enum ProviderChecks {

    /** The ingest step has the body: every signature is verified, and a provider whose requests cannot be is named at start. */
    SIGNATURES,

    /** The authorizer function never sees the body: only what headers prove; ingest verifies the signature after it. */
    HEADERS_ONLY
}
