package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The server shape's entry points for the operator: each {@link OperatorRequest} at its method and path,
 * handed as is (path and query parameters as headers) to the route that answers it.
 */
public class OperatorHttpRoute extends RouteBuilder {

    @Override
    public void configure() {
        for (OperatorRequest request : OperatorRequest.values()) {
            from("platform-http:" + request.path() + "?httpMethodRestrict=" + request.method())
                    .routeId("http-" + request.routeId())
                    .routeConfigurationId(OperatorErrorHandling.ID)
                    .to(request.endpoint());
        }
    }
}
