package org.migrationportal.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.portal.PortalStub;
import org.w3c.dom.Document;

/**
 * {@code gate --wait} asks again only while waiting can help, and stops at its timeout; in CI the answer
 * also lands in the step outputs, the step summary and a JUnit report.
 */
class GateWaitTests {

    static final String WAITING = """
            {"id":1,"decision":"deny","mode":"enforce","reasons":[
              {"code":"approval-missing","message":"0003cccc needs 2 approvals for prod, has 1.",
               "evidence":[{"type":"approval","id":77,"url":"/approvals/77"}]},
              {"code":"backup-missing","message":"No backup of prod in the 24 h before this deploy.","evidence":[]}]}""";
    static final String FINAL = """
            {"id":2,"decision":"deny","mode":"enforce","reasons":[
              {"code":"approval-missing","message":"needs approvals","evidence":[]},
              {"code":"ci-not-validated","message":"No CI run of 4f2c9e1 passed lint.","evidence":[]}]}""";
    static final String ALLOW = """
            {"id":3,"decision":"allow","mode":"enforce","reasons":[]}""";

    @TempDir
    Path dir;

    static String[] gate(String url, String... extra) {
        String[] base = {
            "gate", "--portal", url, "--environment", "prod", "--to-revision", "0003cccc", "--commit", "4f2c9e1a"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void waitsWhileOnlyApprovalsOrABackupAreMissingThenAllows() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, WAITING).then(200, ALLOW)) {
            CommandRun run = CommandRun.run(
                    Map.of("PORTAL_TOKEN", "tok", "PORTAL_PROJECT", "dylen-engine"),
                    gate(stub.url(), "--wait", "--poll-interval", "1", "--timeout", "30"));
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.err())
                    .contains("waiting for approval-missing, backup-missing")
                    .contains("gate 3: allow");
            assertThat(stub.requests).hasSize(2);
            assertThat(stub.requests.get(0).body()).contains("\"project\":\"dylen-engine\"");
        }
    }

    @Test
    void aReasonThatWaitingCannotFixEndsTheWaitAtOnce() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, FINAL).then(200, ALLOW)) {
            CommandRun run = CommandRun.run(
                    Map.of("PORTAL_TOKEN", "tok", "PORTAL_PROJECT", "p"),
                    gate(stub.url(), "--wait", "--poll-interval", "1"));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_DENIED);
            assertThat(stub.requests).hasSize(1);
        }
    }

    @Test
    void givesUpAtTheTimeoutWithItsOwnExitCode() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, WAITING).then(200, WAITING)) {
            CommandRun run = CommandRun.run(
                    Map.of("PORTAL_TOKEN", "tok", "PORTAL_PROJECT", "p"),
                    gate(stub.url(), "--wait", "--poll-interval", "1", "--timeout", "0"));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_WAIT_TIMEOUT);
            assertThat(run.err()).contains("gave up waiting");
            assertThat(stub.requests).hasSize(1);
        }
    }

    @Test
    void onGitHubTheAnswerGoesToOutputsSummaryAnnotationsAndJUnit() throws Exception {
        Path outputs = dir.resolve("github_output");
        Path summary = dir.resolve("step_summary.md");
        Path junit = dir.resolve("gate-junit.xml");
        Path dotenv = dir.resolve("portal.env");
        try (PortalStub stub = new PortalStub().then(200, WAITING)) {
            CommandRun run = CommandRun.run(
                    Map.of(
                            "PORTAL_TOKEN",
                            "tok",
                            "PORTAL_PROJECT",
                            "dylen-engine",
                            "GITHUB_ACTIONS",
                            "true",
                            "GITHUB_OUTPUT",
                            outputs.toString(),
                            "GITHUB_STEP_SUMMARY",
                            summary.toString(),
                            "PORTAL_DOTENV",
                            dotenv.toString()),
                    gate(stub.url(), "--junit", junit.toString()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_DENIED);
            assertThat(Files.readString(outputs))
                    .contains("decision=deny\n", "gate-id=1\n", "reasons=approval-missing,backup-missing\n");
            assertThat(Files.readString(dotenv)).contains("PORTAL_DECISION=deny\n", "PORTAL_GATE_ID=1\n");
            assertThat(run.out())
                    .contains("::error title=gate%3A approval-missing::0003cccc needs 2 approvals for prod, has 1.");
            assertThat(Files.readString(summary))
                    .contains("### Deploy gate: ❌ deny")
                    .contains("| `approval-missing` | 0003cccc needs 2 approvals for prod, has 1. | [approval 77]("
                            + stub.url() + "/approvals/77) |");

            Document xml =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
            assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
            assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(2);
            assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        }
    }
}
