package routes;

import org.apache.camel.builder.RouteBuilder;

/** {@code GET /health}: 200 when the routes run and the queue answers, else 503. */
public class HealthRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/health?httpMethodRestrict=GET")
                .routeId("health")
                .process("healthCheck");
    }
}
