package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every label a page shows comes from the message bundles: no hard-coded text between tags (text inside
 * an element whose content Thymeleaf replaces is only prototype text), and every message key a template
 * uses exists.
 */
class MessagesTests {

    static final Path RESOURCES = Path.of("..", "frontend-templates", "src", "main", "resources");
    static final Path TEMPLATES = RESOURCES.resolve("templates");
    static final Pattern TEXT_BETWEEN_TAGS = Pattern.compile("<([a-zA-Z][^<>]*)>([^<>]*\\p{L}[^<>]*)<");
    static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");

    @Test
    void templatesHaveNoHardCodedText() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path template : templates()) {
            String html = Files.readString(template)
                    .replaceAll("(?s)<!--.*?-->", "")
                    .replaceAll("(?s)<script.*?</script>", "");
            Matcher matcher = TEXT_BETWEEN_TAGS.matcher(html);
            while (matcher.find()) {
                String tag = matcher.group(1);
                String text = matcher.group(2).strip();
                boolean replaced =
                        tag.matches("(?s).*\\b(th:(text|utext|replace|insert|errors)|sec:authentication)=.*");
                boolean inlined = text.contains("[[") || text.contains("[(");
                if (!replaced && !inlined && !text.isEmpty() && !text.matches("[·|/:,()\\-–—\\s]+")) {
                    offences.add(TEMPLATES.relativize(template) + ": <" + tag.split("\\s")[0] + ">" + text);
                }
            }
        }
        assertThat(offences).as("hard-coded text in templates").isEmpty();
    }

    @Test
    void everyMessageKeyUsedByATemplateExists() throws IOException {
        Properties messages = new Properties();
        try (Stream<Path> bundles = Files.list(RESOURCES.resolve("i18n"))) {
            for (Path bundle :
                    bundles.filter(p -> p.toString().endsWith(".properties")).toList()) {
                try (var reader = Files.newBufferedReader(bundle)) {
                    messages.load(reader);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher matcher = MESSAGE_KEY.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!messages.containsKey(matcher.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                }
            }
        }
        assertThat(missing).as("message keys without a message").isEmpty();
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).toList();
        }
    }
}
