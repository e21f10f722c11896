package org.migrationportal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The contract's example bodies (copied from shared/api-examples), re-targeted at a test project. */
final class IngestExamples {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private IngestExamples() {}

    static String raw(String name) {
        try (InputStream in = IngestExamples.class.getResourceAsStream("/api-examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example for {@code project}, changed by {@code edit}. */
    static String body(String name, String project, Consumer<ObjectNode> edit) {
        ObjectNode node = (ObjectNode) JSON.readTree(raw(name));
        node.put("project", project);
        edit.accept(node);
        return JSON.writeValueAsString(node);
    }

    static String body(String name, String project) {
        return body(name, project, n -> {});
    }

    /** The public id of a token {@code mcp_<public id>_<secret><checksum>}: what Idempotency-Keys are scoped by. */
    static String publicIdOf(String token) {
        return token.substring(4, 16);
    }
}
