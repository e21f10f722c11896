package org.migrationportal.cli.ci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Markdown appended to {@code $GITHUB_STEP_SUMMARY}, shown on the run's summary page; a no-op elsewhere. */
public final class StepSummary {

    private StepSummary() {}

    public static void append(Map<String, String> env, String markdown) throws IOException {
        String file = env.get("GITHUB_STEP_SUMMARY");
        if (file != null && !file.isBlank()) {
            StepOutputs.append(Path.of(file), markdown.endsWith("\n") ? markdown : markdown + "\n");
        }
    }

    /** Escapes what would break a table cell or start markup. */
    public static String cell(String text) {
        return text == null
                ? ""
                : text.replace("\\", "\\\\")
                        .replace("|", "\\|")
                        .replace("<", "&lt;")
                        .replace("\n", " ");
    }
}
