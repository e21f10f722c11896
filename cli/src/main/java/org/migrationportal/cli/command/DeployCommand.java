package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deploy}: records one run of migrations against an environment ({@code POST /api/v1/deployments}). */
@Command(name = "deploy", mixinStandardHelpOptions = true, description = "Post a deployment event.")
public final class DeployCommand extends PortalCommand {

    private static final Set<String> STATUSES = Set.of("started", "succeeded", "failed", "rolled_back");

    @Option(names = "--project", description = "Default: env PORTAL_PROJECT.")
    String project;

    @Option(names = "--environment", required = true)
    String environment;

    @Option(names = "--status", required = true, description = "started, succeeded, failed or rolled_back.")
    String status;

    @Option(names = "--from-revision")
    String fromRevision;

    @Option(names = "--to-revision", required = true)
    String toRevision;

    @Option(names = "--provider")
    String provider;

    @Option(names = "--external-id")
    String externalId;

    @Option(names = "--attempt")
    Integer attempt;

    @Option(names = "--url")
    String url;

    @Option(names = "--commit")
    String commit;

    @Option(names = "--started-at", description = "Default: now.")
    String startedAt;

    @Option(names = "--finished-at", description = "Default: now, unless --status started.")
    String finishedAt;

    @Option(names = "--actor-type", defaultValue = "pipeline", description = "pipeline or human.")
    String actorType;

    @Option(names = "--actor-name", description = "Default: the workflow/job name.")
    String actorName;

    @Option(names = "--max-lock-ms")
    Long maxLockMs;

    @Option(names = "--backup-id")
    String backupId;

    @Option(names = "--gate-decision-id")
    Long gateDecisionId;

    @Override
    String path() {
        return "/api/v1/deployments";
    }

    @Override
    ObjectNode body() {
        if (!STATUSES.contains(status)) {
            usageError = "--status must be one of started, succeeded, failed, rolled_back";
        }
        CiEnvironment ci = ci();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("project", project(project));
        body.put("environment", environment);
        putIfPresent(body, "provider", CiEnvironment.firstNonNull(provider, ci.provider()));
        putIfPresent(body, "externalId", CiEnvironment.firstNonNull(externalId, ci.externalId()));
        body.put("attempt", CiEnvironment.firstNonNull(attempt, CiEnvironment.firstNonNull(ci.attempt(), 1)));
        putIfPresent(body, "url", CiEnvironment.firstNonNull(url, ci.url()));
        putIfPresent(body, "commitSha", CiEnvironment.firstNonNull(commit, ci.commitSha()));
        putIfPresent(body, "fromRevision", fromRevision);
        body.put("toRevision", toRevision);
        body.put("status", status);
        String start = startedAt != null ? startedAt : now();
        body.put("startedAt", start);
        if (finishedAt != null || !status.equals("started")) {
            body.put("finishedAt", finishedAt != null ? finishedAt : now());
        }
        ObjectNode actor = body.putObject("actor");
        actor.put("type", actorType);
        putIfPresent(actor, "name", CiEnvironment.firstNonNull(actorName, ci.pipelineName()));
        putIfPresent(body, "maxLockMs", maxLockMs);
        putIfPresent(body, "backupId", backupId);
        putIfPresent(body, "gateDecisionId", gateDecisionId);
        require(body.path("commitSha").asText(null), "--commit");
        return body;
    }
}
