package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.portal.PortalResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gate}: asks whether this pipeline may apply a revision to an environment now. Exit 0 on allow,
 * 3 on deny, with every reason printed; {@code --json} puts the decision on stdout for later steps.
 */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Ask the deploy gate; exit 3 on deny.")
public final class GateCommand extends PortalCommand {

    @Option(names = "--project", required = true)
    String project;

    @Option(names = "--environment", required = true)
    String environment;

    @Option(names = "--to-revision", required = true)
    String toRevision;

    @Option(names = "--commit", description = "Default: GITHUB_SHA / CI_COMMIT_SHA.")
    String commit;

    @Option(names = "--emergency", description = "Emergency deploy: the portal records it, with --reason, for review.")
    boolean emergency;

    @Option(names = "--reason", description = "Why (required with --emergency).")
    String reason;

    @Option(names = "--json", description = "Print the portal's decision as JSON on stdout.")
    boolean json;

    @Override
    String path() {
        return "/api/v1/gate";
    }

    @Override
    ObjectNode body() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("project", project);
        body.put("environment", environment);
        body.put("toRevision", toRevision);
        putIfPresent(body, "commitSha", CiEnvironment.firstNonNull(commit, ci().commitSha()));
        if (emergency) {
            body.put("emergency", true);
            if (reason == null || reason.isBlank()) {
                usageError = "--emergency needs --reason \"…\"";
            }
        }
        putIfPresent(body, "reason", reason);
        require(body.path("commitSha").asText(null), "--commit");
        return body;
    }

    @Override
    int onSuccess(PortalResponse response) {
        JsonNode d = response.body() == null ? Json.MAPPER.createObjectNode() : response.body();
        String decision = d.path("decision").asText("");
        String mode = d.path("mode").asText("enforce");
        if (json) {
            cli.out().println(d.toString());
        }
        boolean denied = !decision.equals("allow");
        cli.err()
                .printf(
                        "gate %s: %s (%s mode%s)%n",
                        d.path("id").asText("?"), denied ? "DENY" : "allow", mode, emergency ? ", emergency" : "");
        for (JsonNode r : d.path("reasons")) {
            cli.err()
                    .printf(
                            "  %s %s: %s%n",
                            denied ? "✗" : "!",
                            r.path("code").asText(),
                            r.path("message").asText());
            for (JsonNode e : r.path("evidence")) {
                cli.err()
                        .printf(
                                "      evidence: %s %s %s%n",
                                e.path("type").asText(),
                                e.path("id").asText(),
                                e.path("url").asText(""));
            }
        }
        if (!json) {
            cli.out().println(d.path("id").asText(""));
        }
        return denied ? ExitCodes.GATE_DENIED : ExitCodes.OK;
    }
}
