package inbound.wiring;

/** How an operator reaches a shape's operator steps, and so which of them {@link OperatorBeans} builds. */
public enum OperatorAccess {

    /** The server shape: the operator HTTP API (bearer token, event status, dead letters) and replay commands. */
    HTTP_API_AND_COMMANDS,

    /** The replay function: replay commands only, from {@code aws lambda invoke}; there is no operator HTTP API. */
    COMMANDS_ONLY
}
