package routes;

import org.apache.camel.builder.RouteBuilder;

/**
 * The operator console of the server shape: a page and its files at {@code /console}, which read and act
 * through the operator API ({@link OperatorApiRoute}) with the token the operator types in.
 */
public class ConsoleRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("platform-http:/console?httpMethodRestrict=GET")
                .routeId("console-page")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("consoleAssets");

        from("platform-http:/console/{asset}?httpMethodRestrict=GET")
                .routeId("console-asset")
                .routeConfigurationId(OperatorErrorHandling.ID)
                .process("consoleAssets");
    }
}
