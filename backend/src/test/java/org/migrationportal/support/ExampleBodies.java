package org.migrationportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The contract's example request bodies (test resources {@code api-examples/}), aimed at a project and environment. */
public final class ExampleBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExampleBodies() {}

    /**
     * The example {@code name} (ci-run, deployment, backup, drift-report) for {@code project} and
     * {@code environment} (ignored for CI runs), with fresh external ids so every call is new evidence.
     */
    public static String body(String name, String project, String environment) {
        ObjectNode node = (ObjectNode) JSON.readTree(raw(name));
        node.put("project", project);
        if (node.has("environment")) {
            node.put("environment", environment);
        }
        String unique = UUID.randomUUID().toString().substring(0, 12);
        if (node.has("externalId")) {
            node.put("externalId", unique);
        }
        if (node.has("backupId")) {
            node.put("backupId", environment + "-" + unique);
        }
        node.remove("gateDecisionId");
        return JSON.writeValueAsString(node);
    }

    /** A gate question for {@code project} and {@code environment}. */
    public static String gate(String project, String environment) {
        return """
                {"project":"%s","environment":"%s","toRevision":"b7e1d2c3a4f5",
                 "commitSha":"4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4"}""".formatted(project, environment);
    }

    private static String raw(String name) {
        try (InputStream in = ExampleBodies.class.getResourceAsStream("/api-examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
