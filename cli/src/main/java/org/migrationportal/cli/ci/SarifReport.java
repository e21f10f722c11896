package org.migrationportal.cli.ci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0, the format GitHub code scanning uploads ({@code github/codeql-action/upload-sarif}): one run,
 * the rules used, one result per finding with a physical location when the file is known.
 */
public final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFORMATION_URI = "https://github.com/migrationportal/portal/blob/main/docs/ci-integration.md";

    private SarifReport() {}

    public static ObjectNode of(List<CiFinding> findings, String toolVersion, ObjectMapper json) {
        ObjectNode log = json.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "portal-cli");
        driver.put("version", toolVersion);
        driver.put("informationUri", INFORMATION_URI);
        Map<String, CiFinding.Level> rules = new LinkedHashMap<>();
        findings.forEach(f -> rules.putIfAbsent(f.ruleId(), f.level()));
        ArrayNode ruleNodes = driver.putArray("rules");
        rules.forEach((id, level) -> {
            ObjectNode rule = ruleNodes.addObject();
            rule.put("id", id);
            rule.putObject("shortDescription").put("text", RuleTexts.describe(id));
            rule.putObject("defaultConfiguration").put("level", level.sarif());
        });
        ArrayNode results = run.putArray("results");
        for (CiFinding f : findings) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId());
            result.put("level", f.level().sarif());
            result.putObject("message").put("text", f.message());
            if (f.file() != null) {
                ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", f.file());
                physical.putObject("region").put("startLine", Math.max(1, f.line()));
            }
            if (f.revision() != null) {
                result.putObject("properties").put("revision", f.revision());
            }
        }
        return log;
    }
}
