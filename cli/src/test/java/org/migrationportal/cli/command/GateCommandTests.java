package org.migrationportal.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.portal.PortalStub;

class GateCommandTests {

    private static final String DENY = """
            {"id":8811,"decision":"deny","mode":"enforce","reasons":[
              {"code":"approval-missing","message":"b7e1d2c3a4f5 drops lessons.legacy_path: needs 2 approvals for prod, has 1.",
               "evidence":[{"type":"approval","id":77,"url":"/approvals/77"}]},
              {"code":"backup-missing","message":"No backup of prod in the 24 h before this deploy.","evidence":[]}]}""";

    private static String[] gate(String url, String... extra) {
        String[] base = {
            "gate",
            "--portal",
            url,
            "--project",
            "dylen-engine",
            "--environment",
            "prod",
            "--to-revision",
            "b7e1d2c3a4f5",
            "--commit",
            "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void denyExitsThreeAndPrintsEveryReason() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, DENY)) {
            CommandRun run = CommandRun.run(Map.of("PORTAL_TOKEN", "tok"), gate(stub.url()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_DENIED);
            assertThat(run.err())
                    .contains(
                            "DENY",
                            "approval-missing",
                            "needs 2 approvals",
                            "backup-missing",
                            "evidence: approval 77 http://",
                            "/approvals/77");
            assertThat(stub.requests.get(0).path()).isEqualTo("/api/v1/gate");
            assertThat(new ObjectMapper().readTree(stub.requests.get(0).body()).fieldNames())
                    .toIterable()
                    .containsExactly("project", "environment", "toRevision", "commitSha");
        }
    }

    @Test
    void allowExitsZeroAndPrintsTheDecisionId() throws Exception {
        try (PortalStub stub = new PortalStub()
                .then(200, "{\"id\":9001,\"decision\":\"allow\",\"mode\":\"enforce\",\"reasons\":[]}")) {
            CommandRun run = CommandRun.run(Map.of("PORTAL_TOKEN", "tok"), gate(stub.url()));
            assertThat(run.exitCode()).isZero();
            assertThat(run.out().strip()).isEqualTo("9001");
        }
    }

    @Test
    void emergencyNeedsAReasonAndSendsIt() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, "{\"id\":1,\"decision\":\"allow\",\"mode\":\"enforce\"}")) {
            assertThat(CommandRun.run(Map.of("PORTAL_TOKEN", "tok"), gate(stub.url(), "--emergency"))
                            .exitCode())
                    .isEqualTo(ExitCodes.USAGE);
            CommandRun run = CommandRun.run(
                    Map.of("PORTAL_TOKEN", "tok"), gate(stub.url(), "--emergency", "--reason", "prod down: hotfix"));
            assertThat(run.exitCode()).isZero();
            assertThat(stub.requests).hasSize(1);
            assertThat(stub.requests.get(0).body()).contains("\"emergency\":true", "\"reason\":\"prod down: hotfix\"");
        }
    }

    @Test
    void tokenComesOnlyFromTheEnvironment() throws Exception {
        try (PortalStub stub = new PortalStub().then(200, DENY)) {
            CommandRun noToken = CommandRun.run(Map.of(), gate(stub.url()));
            assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(noToken.err()).contains("PORTAL_TOKEN is not set");
            assertThat(CommandRun.run(Map.of(), gate(stub.url(), "--token", "x"))
                            .exitCode())
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(stub.requests).isEmpty();
            CommandRun run = CommandRun.run(
                    Map.of("PORTAL_TOKEN", "tok_env", "PORTAL_URL", stub.url()),
                    "gate",
                    "--project",
                    "p",
                    "--environment",
                    "prod",
                    "--to-revision",
                    "r",
                    "--commit",
                    "abc1234");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_DENIED);
            assertThat(stub.requests.get(0).header("Authorization")).isEqualTo("Bearer tok_env");
        }
    }

    @Test
    void problemAnswersArePrintedAndExitOne() throws Exception {
        try (PortalStub stub = new PortalStub()
                .then(
                        404,
                        "{\"title\":\"Unknown environment\",\"status\":404,\"detail\":\"prod is not an environment of p\"}")) {
            CommandRun run = CommandRun.run(Map.of("PORTAL_TOKEN", "tok"), gate(stub.url()));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.REJECTED);
            assertThat(run.err())
                    .contains("portal answered 404: Unknown environment", "prod is not an environment of p");
        }
    }
}
