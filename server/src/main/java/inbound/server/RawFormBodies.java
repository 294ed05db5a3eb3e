package inbound.server;

import inbound.ingest.IngestHeaders;
import inbound.signature.FormBodies;
import io.vertx.core.http.HttpHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * platform-http hands a form-encoded body to routes only as parsed parameters, but Slack signs the
 * exact raw bytes of its form posts, and Inbound queues raw bytes. This Vert.x handler runs before
 * the webhook route and presents a form post to it as opaque bytes, keeping the real content type in
 * {@link IngestHeaders#FORM_CONTENT_TYPE}, which the webhook route puts back.
 */
public final class RawFormBodies extends OnceAtStart {

    private final int httpPort;

    public RawFormBodies(int httpPort) {
        this.httpPort = httpPort;
    }

    @Override
    void started(CamelContext context) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(httpPort));
        // before every other handler: the content type must change before anything parses the body
        router.route("/webhooks/*").order(Integer.MIN_VALUE).handler(routing -> {
            String contentType = routing.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (FormBodies.isForm(contentType)) {
                routing.request().headers().set(IngestHeaders.FORM_CONTENT_TYPE, contentType);
                routing.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
            }
            routing.next();
        });
    }
}
