package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes the ingest endpoints, and every field of every request body has an example. */
@PortalIntegrationTest
class IngestOpenApiTests {

    @Autowired
    MockMvc mvc;

    @Test
    void everyRequestFieldHasAnExample() throws Exception {
        JsonNode api = IngestExamples.JSON.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
        for (String path :
                List.of("/api/v1/ci-runs", "/api/v1/deployments", "/api/v1/backups", "/api/v1/drift-reports")) {
            assertThat(api.get("paths").has(path)).as(path).isTrue();
            assertThat(api.get("paths").get(path).has("post")).as(path).isTrue();
        }
        JsonNode schemas = api.get("components").get("schemas");
        List<String> missing = new ArrayList<>();
        for (String schema : List.of(
                "CiRunSubmission",
                "CiCheck",
                "CiFinding",
                "CiReview",
                "ManifestMigration",
                "MigrationOperation",
                "DeploymentSubmission",
                "DeploymentActor",
                "BackupSubmission",
                "DriftReportSubmission")) {
            assertThat(schemas.has(schema)).as(schema).isTrue();
            for (Map.Entry<String, JsonNode> property :
                    schemas.get(schema).get("properties").properties()) {
                JsonNode p = property.getValue();
                boolean described = p.has("example")
                        || p.has("$ref")
                        || p.has("items") && (p.get("items").has("$ref") || p.has("example"))
                        || p.has("examples");
                if (!described) {
                    missing.add(schema + "." + property.getKey());
                }
            }
        }
        assertThat(missing).as("request fields without an example").isEmpty();
    }
}
