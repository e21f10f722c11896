package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup}: records a backup of an environment's database ({@code POST /api/v1/backups}). */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Post a backup record.")
public final class BackupCommand extends PortalCommand {

    @Option(names = "--project", description = "Default: env PORTAL_PROJECT.")
    String project;

    @Option(names = "--environment", required = true)
    String environment;

    @Option(names = "--backup-id", required = true)
    String backupId;

    @Option(names = "--taken-at", description = "Default: now.")
    String takenAt;

    @Option(names = "--size-bytes")
    Long sizeBytes;

    @Option(names = "--location", description = "Where the dump is, e.g. s3://bucket/key.")
    String location;

    @Option(names = "--method", description = "e.g. pg_dump, snapshot.")
    String method;

    @Option(names = "--verified-at", description = "When a restore of it was last verified.")
    String verifiedAt;

    @Override
    String path() {
        return "/api/v1/backups";
    }

    @Override
    ObjectNode body() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("project", project(project));
        body.put("environment", environment);
        body.put("backupId", backupId);
        body.put("takenAt", takenAt != null ? takenAt : now());
        putIfPresent(body, "sizeBytes", sizeBytes);
        putIfPresent(body, "location", location);
        putIfPresent(body, "method", method);
        putIfPresent(body, "verifiedAt", verifiedAt);
        return body;
    }
}
