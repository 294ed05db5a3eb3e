package inbound.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link of the project's Markdown pages leads to a file that exists, and to a heading of it where it names one. */
class DocLinksTest {

    private static final Path ROOT = Path.of("");
    private static final Set<String> NOT_PAGES = Set.of("target", ".git", "node_modules");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern FENCED_CODE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*$");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(FENCED_CODE.matcher(Files.readString(page)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("^[a-z]+:.*")) {
                    brokenReason(page, target).ifPresent(reason -> broken.add(page + ": " + target + " (" + reason + ")"));
                }
            }
        }

        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void anchorsAreGitHubHeadingIds() {
        assertThat(anchors("# Inbound\n## What 202 means, and what survives a crash\n## Dead letters: bin/dlq\n## Dead letters: bin/dlq"))
                .containsExactlyInAnyOrder("inbound", "what-202-means-and-what-survives-a-crash", "dead-letters-bindlq", "dead-letters-bindlq-1");
    }

    private static Optional<String> brokenReason(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
        if (!Files.exists(resolved)) {
            return Optional.of("no such file");
        }
        if (hash >= 0 && Files.isRegularFile(resolved) && resolved.toString().endsWith(".md")
                && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
            return Optional.of("no such heading");
        }
        return Optional.empty();
    }

    /** The ids GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(FENCED_CODE.matcher(markdown).replaceAll(""));
        while (heading.find()) {
            String id = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int repeats = seen.merge(id, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? id : id + "-" + repeats);
        }
        return anchors;
    }

    private static List<Path> pages() throws IOException {
        Path root = ROOT.toAbsolutePath();
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> Stream.iterate(path, part -> part != null, Path::getParent)
                            .noneMatch(part -> NOT_PAGES.contains(part.getFileName().toString())))
                    .toList();
        }
    }
}
