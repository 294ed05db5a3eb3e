package inbound.testing;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scrape in Prometheus's text exposition format (version 0.0.4), parsed line by line: every line must be
 * a comment ({@code # HELP}, {@code # TYPE} or any other), blank, or one sample
 * {@code name{label="value",...} value [timestamp]} with the format's escapes in label values. A line that is
 * none of these fails the parse, so a test reading its samples also checks the format.
 */
public final class PrometheusText {

    /** One sample: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusText parse(String scrape) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = scrape.split("\n", -1);
        for (int number = 0; number < lines.length; number++) {
            String line = lines[number];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            samples.add(new LineReader(line, number + 1).sample());
        }
        return new PrometheusText(samples);
    }

    /** {@code GET /metrics} of a running server, with its metrics token, parsed. */
    public static PrometheusText scrape(WebhookClient client, String metricsToken) {
        HttpResponse<String> scraped = client.operatorGet("/metrics", metricsToken);
        if (scraped.statusCode() != 200) {
            throw new IllegalStateException("GET /metrics answered " + scraped.statusCode() + ": " + scraped.body());
        }
        return parse(scraped.body());
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The value of the one sample of this name with exactly these labels. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.labels().equals(labels)).map(Sample::value).findFirst();
    }

    /** The value of the one sample of this name with exactly these labels; 0 when there is none (a counter not yet counted). */
    public double count(String name, Map<String, String> labels) {
        return value(name, labels).orElse(0.0);
    }

    /** Reads one sample line, character by character. */
    private static final class LineReader {

        private final String line;
        private final int number;
        private int at;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample() {
            String name = name();
            Map<String, String> labels = new HashMap<>();
            if (peek() == '{') {
                at++;
                while (peek() != '}') {
                    String label = name();
                    expect('=');
                    labels.put(label, quoted());
                    if (peek() == ',') {
                        at++;
                    }
                }
                at++;
            }
            expect(' ');
            String[] rest = line.substring(at).split(" ");
            if (rest.length > 2) {
                throw fail("more than a value and a timestamp after the labels");
            }
            return new Sample(name, Map.copyOf(labels), value(rest[0]));
        }

        private String name() {
            int start = at;
            while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_' || line.charAt(at) == ':')) {
                at++;
            }
            if (at == start || Character.isDigit(line.charAt(start))) {
                throw fail("no metric or label name");
            }
            return line.substring(start, at);
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (peek() != '"') {
                char next = line.charAt(at++);
                if (next == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(switch (escaped) {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 'n' -> '\n';
                        default -> throw fail("an unknown escape \\" + escaped);
                    });
                } else {
                    value.append(next);
                }
            }
            at++;
            return value.toString();
        }

        private double value(String text) {
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw fail("a value that is not a number: " + text);
                    }
                }
            };
        }

        private char peek() {
            if (at >= line.length()) {
                throw fail("it ends too soon");
            }
            return line.charAt(at);
        }

        private void expect(char expected) {
            if (peek() != expected) {
                throw fail("'" + expected + "' expected at column " + (at + 1));
            }
            at++;
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("line " + number + " is not a sample (" + why + "): " + line);
        }
    }
}
