package org.migrationportal.cli.ci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.migrationportal.cli.CliVersion;

/** Writes the findings of {@code scan} and {@code report} in the formats the user asked for and the CI reads. */
public final class CiReports {

    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CiReports() {}

    public static String sarif(List<CiFinding> findings) throws IOException {
        return PRETTY.writeValueAsString(SarifReport.of(findings, CliVersion.current(), PRETTY)) + "\n";
    }

    public static String codeQuality(List<CiFinding> findings) throws IOException {
        return PRETTY.writeValueAsString(CodeQualityReport.of(findings, PRETTY)) + "\n";
    }

    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    /** Annotations on GitHub Actions (where the runner reads them from the output); nothing elsewhere. */
    public static void annotateOnGitHub(Map<String, String> env, List<CiFinding> findings, PrintStream out) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            WorkflowCommands.annotate(findings, out);
        }
    }
}
