package routes;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Every failure of an operator request becomes a JSON error answer (401, 400, 404, or 503; 500 for an
 * Error a step threw, see {@link ErrorsAsExceptions}).
 */
public class OperatorErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "operator-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .process("operatorErrorResponse")
                .end();
    }
}
