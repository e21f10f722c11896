package org.migrationportal.cli.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.manifest.DowngradeKind;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Phase;

class LintReportReaderTests {

    private final ObjectMapper json = new ObjectMapper();
    private final List<Migration> migrations = List.of(
            migration("1", "changes/001-init.xml", 3),
            migration("2", "changes/001-init.xml", 12),
            migration("V5", "sql/V5__x.sql", 1));

    private static Migration migration(String revision, String file, int line) {
        return new Migration(
                revision,
                List.of(),
                null,
                null,
                "sha256:0",
                DowngradeKind.NONE,
                true,
                Phase.NONE,
                null,
                List.of(),
                file,
                line);
    }

    @Test
    void atlasDiagnosticsGetLinesFromPositions() throws Exception {
        List<LintFinding> findings = LintReportReader.atlas(json.readTree("""
                {"Files":[{"Name":"db/sql/V5__x.sql","Text":"SELECT 1;\\nDROP TABLE t;",
                  "Reports":[{"Text":"destructive changes detected","Diagnostics":[{"Pos":10,"Text":"Dropping table \\"t\\"","Code":"DS102"}]}]}]}"""));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).line()).isEqualTo(2);
        assertThat(FindingRevisionMapper.map(findings, migrations).get(0))
                .extracting(LintFinding::rule, LintFinding::revision, LintFinding::message)
                .containsExactly("DS102", "V5", "destructive changes detected: Dropping table \"t\"");
    }

    @Test
    void sarifResultsMapToTheChangesetStartingBeforeTheirLine() throws Exception {
        List<LintFinding> findings = LintReportReader.sarif(json.readTree("""
                {"version":"2.1.0","runs":[{"tool":{"driver":{"name":"sqlfluff"}},"results":[
                  {"ruleId":"LT01","level":"error","message":{"text":"bad spacing"},
                   "locations":[{"physicalLocation":{"artifactLocation":{"uri":"db/changes/001-init.xml"},"region":{"startLine":14}}}]},
                  {"ruleId":"LT02","level":"note","message":{"text":"indent"},
                   "locations":[{"physicalLocation":{"artifactLocation":{"uri":"other/file.sql"},"region":{"startLine":1}}}]}]}]}"""));
        List<LintFinding> mapped = FindingRevisionMapper.map(findings, migrations);
        assertThat(mapped).extracting(LintFinding::revision).containsExactly("2", null);
        assertThat(mapped).extracting(LintFinding::severity).containsExactly("error", "info");
    }

    @Test
    void squawkLinesAreZeroBasedAndOldMessagesArraysAreRead() throws Exception {
        List<LintFinding> findings = LintReportReader.squawk(json.readTree("""
                [{"file":"sql/V5__x.sql","line":0,"level":"Error","message":"m","rule_name":"r1"},
                 {"file":"sql/V5__x.sql","line":4,"level":"Warning","messages":[{"Note":"n"},{"Help":"h"}],"rule_name":"r2"}]"""));
        assertThat(findings).extracting(LintFinding::line).containsExactly(1, 5);
        assertThat(findings).extracting(LintFinding::severity).containsExactly("error", "warning");
        assertThat(findings.get(1).message()).isEqualTo("Note: n Help: h");
    }
}
