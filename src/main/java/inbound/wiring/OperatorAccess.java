package inbound.wiring;

/** How an operator reaches a shape's operator steps, and so which of them {@link OperatorBeans} builds. */
public enum OperatorAccess {

    /** The server shape and the console function: the operator HTTP API (bearer token, events, dead letters, the console's files) and replay commands. */
    HTTP_API_AND_COMMANDS,

    /** The replay function: replay commands only, from {@code aws lambda invoke}; there is no operator HTTP API. */
    COMMANDS_ONLY
}
