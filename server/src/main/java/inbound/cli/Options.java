package inbound.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Command-line options of one command: {@code --name value} options, {@code --flag}s, and positional arguments. */
record Options(Map<String, String> values, Set<String> flags, List<String> positional) {

    static Options parse(List<String> args, List<String> valued, List<String> flagNames) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (valued.contains(arg)) {
                if (i + 1 == args.size()) {
                    throw new DlqCommand.UsageException(arg + " needs a value");
                }
                values.put(arg, args.get(++i));
            } else if (flagNames.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("--")) {
                throw new DlqCommand.UsageException("unknown option " + arg);
            } else {
                positional.add(arg);
            }
        }
        return new Options(values, flags, positional);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    Optional<String> optionalValue(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
