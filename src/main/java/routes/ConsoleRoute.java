package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The operator console both shapes serve: a page and its files at {@code /console}, which read and act
 * through the operator API ({@link OperatorApiRoute}) with the token the operator types in.
 */
public class ConsoleRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(OperatorRequest.CONSOLE_PAGE.endpoint())
                .routeId(OperatorRequest.CONSOLE_PAGE.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("consoleAssets");

        from(OperatorRequest.CONSOLE_ASSET.endpoint())
                .routeId(OperatorRequest.CONSOLE_ASSET.routeId())
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("consoleAssets");
    }
}
