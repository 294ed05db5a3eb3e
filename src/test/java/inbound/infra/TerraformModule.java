package inbound.infra;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.VariableTree;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Terraform module as hcl4j reads it, every {@code .tf} file merged, with the helpers the wiring
 * test needs to read what hcl4j returns. hcl4j is a parser with a partial evaluator, and what it
 * makes of an expression depends on the expression:
 * <ul>
 *   <li>a literal is itself (numbers are {@link Double}s);</li>
 *   <li>a reference such as {@code aws_lambda_alias.live["worker"].arn} is a {@link VariableTree};
 *       {@link #expression} writes it back in Terraform's syntax, index keys included;</li>
 *   <li>a string template keeps its text with each reference's text in place of {@code ${...}};</li>
 *   <li>{@code jsonencode(...)} is a JSON string in which a reference is an object with a
 *       {@code "name"} ({@link #json}, {@link #jsonExpression});</li>
 *   <li>{@code merge(...)} of maps and {@code concat(...)} of lists are what Terraform makes of them
 *       (registered here: the functions' map is a merge), as far as their arguments are known in the file:
 *       a local of another file is a reference, left out;</li>
 *   <li>other function calls mostly come back {@code null}, and conditionals and arithmetic are
 *       evaluated without the variables' values (so {@code var.x ? 1 : 0} reads 1): assert on
 *       literals and references only;</li>
 *   <li>a block that appears once is a map, one that appears several times a list of maps
 *       ({@link #blocks}).</li>
 * </ul>
 * Some valid HCL does not parse at all: a {@code "${...}"} template inside a for expression (use
 * {@code format(...)}), a parenthesised map key ({@code (local.name) = ...}), a for expression in a
 * list passed to a function. The module is written without them; {@code terraform fmt -check} in
 * .ci/run checks the real syntax.
 * <p>
 * Since hcl4j takes the first branch of a conditional on a variable it does not know, a module
 * parsed with {@link #parse(Path, Map)} has chosen variables written in as literals first: then
 * {@code var.enable_authorizer ? 1 : 0} reads 0 when it is false ({@link #createdResources}).
 */
public final class TerraformModule {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Map<String, Object>>> resources = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> dataSources = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    private final Map<String, Object> locals = new LinkedHashMap<>();
    private final Map<String, Object> terraformSettings = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> providerConfigurations = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> moduleCalls = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();

    private TerraformModule() {
    }

    /**
     * Parses every .tf file of a directory (a module, or an example calling it; not its
     * subdirectories); a file that does not parse fails the test, named.
     */
    public static TerraformModule parse(Path directory) throws IOException {
        return parse(directory, Map.of());
    }

    /**
     * Parses a module as it would be planned with these values of boolean variables: each
     * {@code var.<name>} is replaced by {@code true} or {@code false} before parsing.
     */
    public static TerraformModule parse(Path directory, Map<String, Boolean> variableValues) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".tf")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new AssertionError("no .tf files in " + directory.toAbsolutePath());
        }
        TerraformModule module = new TerraformModule();
        for (Path file : files) {
            module.add(parseFile(file, variableValues));
        }
        return module;
    }

    /** The assignments of a .tfvars file, by variable name. */
    static Map<String, Object> parseVariableValues(Path file) {
        return parseFile(file, Map.of());
    }

    private static Map<String, Object> parseFile(Path file, Map<String, Boolean> variableValues) {
        PrintStream console = System.out;
        // hcl4j prints its evaluation steps ("Conditional Matched", "Evaluating Tuple") to the
        // console and logs failed evaluations of expressions it cannot evaluate; none of it is news.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            String text = Files.readString(file);
            for (Map.Entry<String, Boolean> value : variableValues.entrySet()) {
                text = text.replaceAll("\\bvar\\." + Pattern.quote(value.getKey()) + "\\b", String.valueOf(value.getValue()));
            }
            HCLParser parser = new HCLParser();
            parser.registerFunction("merge", TerraformModule::merge);
            parser.registerFunction("concat", TerraformModule::concat);
            return parser.parse(text);
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError(file + " does not parse with hcl4j (which reads a subset of HCL,"
                    + " see the class comment of TerraformModule): " + e.getMessage(), e);
        } finally {
            System.setOut(console);
        }
    }

    /** Terraform's merge: the maps among the arguments, later keys winning. */
    private static Object merge(List<Object> arguments) {
        Map<Object, Object> merged = new LinkedHashMap<>();
        for (Object argument : arguments) {
            if (argument instanceof Map<?, ?> map) {
                merged.putAll(map);
            }
        }
        return merged;
    }

    /** Terraform's concat: the lists among the arguments, one after the other. */
    private static Object concat(List<Object> arguments) {
        List<Object> all = new ArrayList<>();
        for (Object argument : arguments) {
            if (argument instanceof List<?> list) {
                all.addAll(list);
            }
        }
        return all;
    }

    private void add(Map<String, Object> file) {
        blocks(file.get("resource")).forEach(byType -> addByTypeAndName(resources, byType));
        blocks(file.get("data")).forEach(byType -> addByTypeAndName(dataSources, byType));
        addByName(variables, file.get("variable"));
        blocks(file.get("locals")).forEach(locals::putAll);
        blocks(file.get("terraform")).forEach(terraformSettings::putAll);
        addByName(providerConfigurations, file.get("provider"));
        addByName(moduleCalls, file.get("module"));
        addByName(outputs, file.get("output"));
    }

    @SuppressWarnings("unchecked")
    private static void addByName(Map<String, Map<String, Object>> into, Object byName) {
        blocks(byName).forEach(named -> named.forEach((name, body) -> into.put(name, (Map<String, Object>) body)));
    }

    private static void addByTypeAndName(Map<String, Map<String, Map<String, Object>>> into, Map<String, Object> byType) {
        byType.forEach((type, byName) -> addByName(into.computeIfAbsent(type, t -> new LinkedHashMap<>()), byName));
    }

    /** The resources of one type, by name, as declared; empty when there are none. */
    Map<String, Map<String, Object>> resources(String type) {
        return resources.getOrDefault(type, Map.of());
    }

    /**
     * The resources of one type whose count does not read 0: with a count on variables given to
     * {@link #parse(Path, Map)}, those a plan with these values creates (a count on other
     * variables reads as hcl4j evaluates it, which is not always as Terraform would).
     */
    Map<String, Map<String, Object>> createdResources(String type) {
        Map<String, Map<String, Object>> created = new LinkedHashMap<>(resources(type));
        created.values().removeIf(body -> body.get("count") instanceof Number count && count.doubleValue() == 0);
        return created;
    }

    /** The one resource of a type; fails when there are none or several. */
    Map.Entry<String, Map<String, Object>> onlyResource(String type) {
        Map<String, Map<String, Object>> ofType = resources(type);
        if (ofType.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + ofType.keySet());
        }
        return ofType.entrySet().iterator().next();
    }

    /** The resource an expression such as {@code aws_sqs_queue.events.arn} refers to. */
    Map<String, Object> resourceReferencedBy(Object value) {
        String[] parts = expression(value).split("[.\\[]", 3);
        Map<String, Object> body = resources(parts[0]).get(parts.length > 1 ? parts[1] : "");
        if (body == null) {
            throw new AssertionError(expression(value) + " does not refer to a resource of the module");
        }
        return body;
    }

    Map<String, Map<String, Object>> dataSources(String type) {
        return dataSources.getOrDefault(type, Map.of());
    }

    /** A local's value as hcl4j read it; fails when the module has no such local. */
    Object local(String name) {
        if (!locals.containsKey(name)) {
            throw new AssertionError("local." + name + " is not defined in the module");
        }
        return locals.get(name);
    }

    public Map<String, Map<String, Object>> variables() {
        return variables;
    }

    /**
     * The defaults an object-typed variable declares for its attributes,
     * {@code type = object({ingest = optional(number, 1024)})}: by attribute, each a literal.
     * hcl4j reads {@code default = {}} of such a variable as empty, and the type as a tree of symbols.
     */
    public Map<String, Object> optionalAttributeDefaults(String variable) {
        Map<String, Object> declaration = variables.get(variable);
        if (declaration == null || !(declaration.get("type") instanceof Symbol type)) {
            throw new AssertionError("variable " + variable + " is not declared with a type");
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Symbol object : children(type)) {
            for (Symbol attribute : children(object)) {
                children(attribute).stream()
                        .filter(call -> "optional".equals(call.getName()))
                        .flatMap(call -> children(call).stream())
                        .filter(argument -> argument instanceof HCLValue)
                        .findFirst()
                        .ifPresent(value -> defaults.put(attribute.getName(), literalValue((HCLValue) value)));
            }
        }
        return defaults;
    }

    /** A literal in a type's tree keeps its text: a number as a Double, as hcl4j reads numbers elsewhere. */
    private static Object literalValue(HCLValue literal) {
        return "number".equals(literal.type) ? Double.valueOf(String.valueOf(literal.value)) : literal.value;
    }

    private static List<Symbol> children(Symbol symbol) {
        return symbol.getChildren() == null ? List.of() : symbol.getChildren();
    }

    Map<String, Object> terraformSettings() {
        return terraformSettings;
    }

    /** The provider blocks, by provider name; a module others call has none. */
    Map<String, Map<String, Object>> providerConfigurations() {
        return providerConfigurations;
    }

    /** The module blocks, by name: their arguments, source included. */
    Map<String, Map<String, Object>> moduleCalls() {
        return moduleCalls;
    }

    Map<String, Map<String, Object>> outputs() {
        return outputs;
    }

    /** All resource types the module declares. */
    List<String> resourceTypes() {
        return new ArrayList<>(resources.keySet());
    }

    /**
     * A value with a reference to a local replaced by the local's value, as far as hcl4j read it
     * ({@code local.a.b} is the entry b of the map local a); anything else unchanged.
     */
    Object resolveLocal(Object value) {
        String text = expression(value);
        if (!(value instanceof VariableTree) || !text.startsWith("local.") || text.contains("[")) {
            return value;
        }
        Object resolved = locals;
        for (String key : text.substring("local.".length()).split("\\.")) {
            if (!(resolved instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new AssertionError(text + " names no local of the module");
            }
            resolved = map.get(key);
        }
        return resolved;
    }

    /**
     * The keys of a resource's instances when its for_each names a local map
     * ({@code for_each = local.lambda_functions}); empty for a resource without for_each.
     */
    Map<String, Object> instancesOf(Map<String, Object> body) {
        Object forEach = body.get("for_each");
        if (forEach == null) {
            return Map.of();
        }
        if (!(resolveLocal(forEach) instanceof Map<?, ?> instances)) {
            throw new AssertionError("for_each = " + expression(forEach) + " is not a local map the test can read");
        }
        Map<String, Object> byKey = new LinkedHashMap<>();
        instances.forEach((key, instance) -> byKey.put(String.valueOf(key), instance));
        return byKey;
    }

    /**
     * What an attribute is for each instance of a for_each resource, by instance key: the value
     * of {@code each.value.<name>} in the local map, or the attribute itself when it does not
     * depend on the instance. A resource without for_each has one instance, keyed "".
     */
    Map<String, Object> attributePerInstance(Map<String, Object> body, String attribute) {
        Object value = body.get(attribute);
        Map<String, Object> instances = instancesOf(body);
        if (instances.isEmpty()) {
            return Map.of("", value);
        }
        String text = expression(value);
        Map<String, Object> perInstance = new LinkedHashMap<>();
        instances.forEach((key, instance) -> perInstance.put(key, text.startsWith("each.value.")
                ? ((Map<?, ?>) instance).get(text.substring("each.value.".length()))
                : value));
        return perInstance;
    }

    /** An expression in Terraform's syntax: references rebuilt with their index keys, anything else as text. */
    static String expression(Object value) {
        if (value instanceof VariableTree reference) {
            return address(reference);
        }
        return String.valueOf(value);
    }

    private static String address(Symbol reference) {
        StringBuilder address = new StringBuilder();
        for (Symbol part : reference.getChildren()) {
            if (part instanceof HCLArray index) {
                index.getChildren().forEach(key -> address.append('[').append(indexKey(key)).append(']'));
            } else {
                address.append(address.length() == 0 ? "" : ".").append(part.getName());
            }
        }
        return address.toString();
    }

    private static String indexKey(Symbol key) {
        if (key instanceof HCLValue literal) {
            return "string".equals(literal.type) ? "\"" + literal.value + "\"" : String.valueOf(literal.value);
        }
        return key instanceof VariableTree reference ? address(reference) : key.getName();
    }

    /** A block's occurrences: hcl4j gives one occurrence as a map and several as a list of maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> blocks(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(block -> (Map<String, Object>) block).toList();
        }
        return List.of((Map<String, Object>) value);
    }

    /** A nested block of a body (e.g. snap_start), or an empty map when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> block(Map<String, Object> body, String name) {
        Object block = body.get(name);
        return block instanceof Map<?, ?> ? (Map<String, Object>) block : Map.of();
    }

    /** A list attribute rendered as expressions; empty when absent. */
    static List<String> expressions(Object list) {
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw new AssertionError("expected a list, found " + expression(list));
        }
        return items.stream().map(TerraformModule::expression).collect(Collectors.toList());
    }

    /** What jsonencode(...) produced, read back as JSON. */
    static JsonNode json(Object jsonencoded) {
        try {
            return JSON.readTree(String.valueOf(jsonencoded));
        } catch (IOException e) {
            throw new AssertionError("not a jsonencode(...) result: " + jsonencoded, e);
        }
    }

    /** A value inside jsonencode(...): a literal's text, or the expression a reference was written as. */
    static String jsonExpression(JsonNode node) {
        return Optional.ofNullable(node.get("name")).map(JsonNode::asText).orElseGet(node::asText);
    }

    /** The values of a JSON array inside jsonencode(...), each as {@link #jsonExpression}. */
    static List<String> jsonExpressions(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(jsonExpression(item)));
        return values;
    }

    /** A number literal (hcl4j reads all numbers as doubles). */
    static double number(Object value) {
        if (!(value instanceof Number number)) {
            throw new AssertionError("expected a number, found " + expression(value));
        }
        return number.doubleValue();
    }
}
