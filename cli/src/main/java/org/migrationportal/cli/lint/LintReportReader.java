package org.migrationportal.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the machine output of the linters teams already run:
 * <ul>
 *   <li>Squawk {@code --reporter json}: an array of violations {@code {file, line (0-based), level,
 *       message, rule_name}} (older Squawk: {@code messages[]} instead of {@code message});</li>
 *   <li>Atlas {@code migrate lint --format '{{ json . }}'} (or {@code '{{ json .Files }}'}): files with
 *       {@code Name}, {@code Text}, {@code Reports[].Diagnostics[] {Pos, Text, Code}};</li>
 *   <li>SARIF 2.1.0: {@code runs[].results[] {ruleId, level, message.text, locations[]}}.</li>
 * </ul>
 */
public final class LintReportReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Format {
        SQUAWK,
        ATLAS,
        SARIF
    }

    private LintReportReader() {}

    public static List<LintFinding> read(Format format, Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        return switch (format) {
            case SQUAWK -> squawk(root);
            case ATLAS -> atlas(root);
            case SARIF -> sarif(root);
        };
    }

    static List<LintFinding> squawk(JsonNode root) {
        List<LintFinding> out = new ArrayList<>();
        for (JsonNode v : root) {
            String message = v.path("message").asText(null);
            if (message == null && v.path("messages").isArray()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode m : v.path("messages")) {
                    m.fields()
                            .forEachRemaining(e ->
                                    parts.add(e.getKey() + ": " + e.getValue().asText()));
                }
                message = String.join(" ", parts);
            }
            out.add(new LintFinding(
                    v.path("rule_name").asText("unknown"),
                    severity(v.path("level").asText("warning")),
                    null,
                    message,
                    "squawk",
                    v.path("file").asText(null),
                    v.path("line").asInt(0) + 1));
        }
        return out;
    }

    static List<LintFinding> atlas(JsonNode root) {
        JsonNode files = root.isArray() ? root : root.path("Files");
        List<LintFinding> out = new ArrayList<>();
        for (JsonNode f : files) {
            String name = f.path("Name").asText(null);
            String text = f.path("Text").asText("");
            if (!f.path("Error").asText("").isEmpty()) {
                out.add(new LintFinding(
                        "atlas-error", "error", null, f.path("Error").asText(), "atlas", name, 0));
            }
            for (JsonNode report : f.path("Reports")) {
                for (JsonNode d : report.path("Diagnostics")) {
                    int pos = d.path("Pos").asInt(-1);
                    int line = pos >= 0 && pos <= text.length()
                            ? (int) text.substring(0, pos)
                                            .chars()
                                            .filter(c -> c == '\n')
                                            .count()
                                    + 1
                            : 0;
                    String message = report.path("Text").asText("") + ": "
                            + d.path("Text").asText("");
                    out.add(new LintFinding(
                            d.path("Code").asText("atlas"), "warning", null, message, "atlas", name, line));
                }
            }
        }
        return out;
    }

    static List<LintFinding> sarif(JsonNode root) {
        List<LintFinding> out = new ArrayList<>();
        for (JsonNode run : root.path("runs")) {
            String tool = run.path("tool").path("driver").path("name").asText("sarif");
            for (JsonNode r : run.path("results")) {
                JsonNode location = r.path("locations").path(0).path("physicalLocation");
                String uri = location.path("artifactLocation").path("uri").asText(null);
                if (uri != null && uri.startsWith("file://")) {
                    uri = uri.substring("file://".length());
                }
                out.add(new LintFinding(
                        r.path("ruleId").asText(tool),
                        severity(r.path("level").asText("warning")),
                        null,
                        r.path("message").path("text").asText(""),
                        tool,
                        uri,
                        location.path("region").path("startLine").asInt(0)));
            }
        }
        return out;
    }

    /** Portal severities: error, warning, info. */
    static String severity(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "error", "fatal", "critical", "high" -> "error";
            case "note", "info", "none", "hint", "low" -> "info";
            default -> "warning";
        };
    }
}
