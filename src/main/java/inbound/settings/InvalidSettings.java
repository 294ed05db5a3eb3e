package inbound.settings;

import java.util.List;

/** Settings Inbound cannot start with; the message names each, with what is wrong with it. */
public final class InvalidSettings extends RuntimeException {

    private final List<String> problems;

    InvalidSettings(List<String> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(List<String> problems) {
        StringBuilder message = new StringBuilder(problems.size() == 1 ? "1 setting is wrong" : problems.size() + " settings are wrong")
                .append(" (in application.properties, or its environment variable):");
        problems.forEach(problem -> message.append("\n  - ").append(problem));
        return message.toString();
    }
}
