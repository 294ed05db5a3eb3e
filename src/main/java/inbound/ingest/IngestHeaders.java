package inbound.ingest;

/** Message headers an HTTP entry point hands to the ingest route besides the request's own. */
public final class IngestHeaders {

    /**
     * A form post's real content type, while its body travels as opaque bytes: platform-http would
     * otherwise hand the route parsed parameters, and a form is signed and queued as its raw bytes.
     */
    public static final String FORM_CONTENT_TYPE = "X-Inbound-Form-Content-Type";

    private IngestHeaders() {
    }
}
