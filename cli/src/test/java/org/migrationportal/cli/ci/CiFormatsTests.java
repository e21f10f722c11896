package org.migrationportal.cli.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.ScanResult;
import org.migrationportal.cli.scan.MigrationTool;

/**
 * Each CI format as its consumer reads it: SARIF 2.1.0 and GitLab Code Quality validated against JSON schemas
 * (test resources, schemas/), JUnit XML against the Surefire/Ant shape, workflow commands escaped as the runner
 * unescapes them. Findings come from scanning the real fixtures.
 */
class CiFormatsTests {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void scanFindingsAreValidSarif210WithFilesAndLines() throws Exception {
        for (Path history :
                List.of(FIXTURES.resolve("alembic"), FIXTURES.resolve("flyway"), FIXTURES.resolve("liquibase"))) {
            List<CiFinding> findings = findings(history);
            JsonNode sarif = JSON.readTree(CiReports.sarif(findings));
            assertThat(errors("sarif-2.1.0-subset.schema.json", sarif))
                    .as(history.toString())
                    .isEmpty();
            assertThat(sarif.path("runs").path(0).path("results").size()).isEqualTo(findings.size());
        }
        JsonNode alembic = JSON.readTree(CiReports.sarif(findings(FIXTURES.resolve("alembic"))));
        assertThat(alembic.toString())
                .contains("\"uri\":\"src/test/resources/fixtures/alembic/versions/0003_retype_title.py\"")
                .contains("\"ruleId\":\"destructive-operation\"")
                .contains("\"ruleId\":\"parse-error\"");
    }

    @Test
    void theSchemaRefusesWhatCodeScanningRefuses() throws Exception {
        JsonNode sarif = JSON.readTree(CiReports.sarif(findings(FIXTURES.resolve("alembic"))));
        ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).put("version", "2.0.0");
        assertThat(errors("sarif-2.1.0-subset.schema.json", sarif)).isNotEmpty();
        // A finding whose line is unknown still points at line 1: SARIF lines start at 1.
        String unknownLine = CiReports.sarif(List.of(new CiFinding("r", CiFinding.Level.ERROR, "m", "a.sql", 0, null)));
        assertThat(errors("sarif-2.1.0-subset.schema.json", JSON.readTree(unknownLine)))
                .isEmpty();
        JsonNode badLine = JSON.readTree(unknownLine.replace("\"startLine\" : 1", "\"startLine\" : 0"));
        assertThat(errors("sarif-2.1.0-subset.schema.json", badLine)).isNotEmpty();
    }

    @Test
    void codeQualityReportHasUniqueFingerprintsAndValidates() throws Exception {
        List<CiFinding> findings = new java.util.ArrayList<>(findings(FIXTURES.resolve("alembic")));
        findings.add(findings.get(1)); // the same finding twice still needs two fingerprints
        JsonNode report = JSON.readTree(CiReports.codeQuality(findings));
        assertThat(errors("gitlab-code-quality.schema.json", report)).isEmpty();
        Set<String> fingerprints = new java.util.HashSet<>();
        report.forEach(issue -> fingerprints.add(issue.path("fingerprint").asText()));
        assertThat(fingerprints).hasSize(findings.size());
    }

    @Test
    void junitReportValidatesAgainstTheSurefireShape() throws Exception {
        String xml = JUnitReport.of(
                "gate shop/prod",
                List.of(
                        new JUnitReport.Case("approval-missing", "needs 2 <approvals> & \"more\"", "a\nb", true),
                        new JUnitReport.Case("backup-missing", "no backup\u0001", "", true)),
                1.5);
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(CiFormatsTests.class.getResourceAsStream("/schemas/junit.xsd")));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        assertThat(xml).contains("failures=\"2\"").contains("&lt;approvals&gt; &amp; &quot;more&quot;");
    }

    @Test
    void workflowCommandsEscapeWhatTheRunnerUnescapes() {
        String command = WorkflowCommands.command(
                new CiFinding("a,b", CiFinding.Level.ERROR, "50% of\nrows: gone", "db/x:1.sql", 7, null));
        assertThat(command).isEqualTo("::error file=db/x%3A1.sql,line=7,title=a%2Cb::50%25 of%0Arows: gone");
    }

    static List<CiFinding> findings(Path history) {
        ScanResult scan = MigrationTool.detect(history).reader().read(history);
        return CiFinding.of(scan, history, Path.of(""));
    }

    static Set<ValidationMessage> errors(String schemaFile, JsonNode document) throws Exception {
        try (InputStream in = CiFormatsTests.class.getResourceAsStream("/schemas/" + schemaFile)) {
            JsonSchema schema =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            return schema.validate(document);
        }
    }
}
