package org.migrationportal.cli.ci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Values later steps read: appended to {@code $GITHUB_OUTPUT} on GitHub Actions (multi-line values in the
 * heredoc form), and to the dotenv file named by {@code PORTAL_DOTENV} (GitLab's {@code artifacts:reports:dotenv},
 * names upper-cased with a {@code PORTAL_} prefix). Nothing happens when neither is set.
 */
public final class StepOutputs {

    private final Map<String, String> env;
    private final Map<String, String> values = new LinkedHashMap<>();

    public StepOutputs(Map<String, String> env) {
        this.env = env;
    }

    public StepOutputs put(String name, String value) {
        values.put(name, value == null ? "" : value);
        return this;
    }

    public void write() throws IOException {
        String github = env.get("GITHUB_OUTPUT");
        if (github != null && !github.isBlank()) {
            StringBuilder s = new StringBuilder();
            values.forEach((name, value) -> {
                if (value.contains("\n")) {
                    String delimiter = "PORTAL_" + UUID.randomUUID().toString().replace("-", "");
                    s.append(name).append("<<").append(delimiter).append('\n');
                    s.append(value).append('\n').append(delimiter).append('\n');
                } else {
                    s.append(name).append('=').append(value).append('\n');
                }
            });
            append(Path.of(github), s.toString());
        }
        String dotenv = env.get("PORTAL_DOTENV");
        if (dotenv != null && !dotenv.isBlank()) {
            StringBuilder s = new StringBuilder();
            // dotenv values are single lines: GitLab refuses the file otherwise.
            values.forEach((name, value) -> s.append("PORTAL_")
                    .append(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))
                    .append('=')
                    .append(value.replace("\n", " "))
                    .append('\n'));
            append(Path.of(dotenv), s.toString());
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }
}
