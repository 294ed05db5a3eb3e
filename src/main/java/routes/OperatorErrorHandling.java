package routes;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Every failure of an operator request becomes a JSON error answer (401, 400, 404, 409 or 503; 500 for an
 * Error a step threw, see {@link ErrorsAsExceptions}), written by the route that took the request. The
 * routes it calls ({@link #CALLED_ID}) answer nothing themselves: their failure goes back to that route.
 * Camel's default error handler there would take the failure as dealt with, and nothing would answer it:
 * platform-http would send its own empty 500 with the request's headers, the replay function the command's body.
 */
public class OperatorErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "operator-errors";
    /** For the routes an operator request calls, such as the replays. */
    public static final String CALLED_ID = "operator-errors-to-caller";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .process("operatorErrorResponse")
                .end();

        routeConfiguration(CALLED_ID)
                .errorHandler(noErrorHandler());
    }
}
