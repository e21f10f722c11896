package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.migrationportal.support.ExampleBodies;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.RawHttp;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A NUL character or a lone UTF-16 surrogate cannot be stored in PostgreSQL text: in any JSON string of any
 * request body, and in any query or form parameter, it is refused with a 400 that names the field, before
 * anything reaches the database (it answered 500 before).
 */
@PortalIntegrationTest
class UnstorableTextTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Stands for the bad character in an edited body; replaced by its JSON escape after serialisation. */
    private static final String BAD = "BAD-CHARACTER";

    private static final String NUL = "\\u0000";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @LocalServerPort
    int port;

    String project;
    String token;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("nul");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {NUL, "\\ud800", "\\udc00x", "\\ud83d"})
    void aCiRunBranchThatCannotBeStoredIsNamed(String escape) throws Exception {
        send("/api/v1/ci-runs", body("ci-run", escape, run -> run.put("branch", "main" + BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/validation"))
                .andExpect(jsonPath("$.errors[0].field").value("branch"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("must not contain NUL (U+0000) or unpaired surrogate characters"));
    }

    @Test
    void nestedFieldsAndListElementsAreNamedByTheirPath() throws Exception {
        send(
                        "/api/v1/ci-runs",
                        body(
                                "ci-run",
                                NUL,
                                run -> ((ObjectNode) run.get("checks").get(0)).put("details", BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("checks[0].details"));
        send(
                        "/api/v1/ci-runs",
                        body(
                                "ci-run",
                                NUL,
                                run -> ((ObjectNode) run.get("checks")
                                                .get(0)
                                                .get("findings")
                                                .get(0))
                                        .put("rule", "ban" + BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("checks[0].findings[0].rule"));
        send(
                        "/api/v1/ci-runs",
                        body(
                                "ci-run",
                                NUL,
                                run -> ((ObjectNode) run.get("migrations").get(1)).put("checksum", BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("migrations[1].checksum"));
        send(
                        "/api/v1/ci-runs",
                        body(
                                "ci-run",
                                "\\udfff",
                                run -> ((ArrayNode) run.get("migrations").get(0).get("parents")).set(0, BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("migrations[0].parents[0]"));
        send(
                        "/api/v1/deployments",
                        body("deployment", NUL, d -> ((ObjectNode) d.get("actor")).put("name", "deploy" + BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("actor.name"));
        send("/api/v1/deployments", body("deployment", NUL, d -> d.put("backupId", BAD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("backupId"));
    }

    @Test
    void aNulInAQueryParameterIsRefusedBeforeTheDatabaseSeesIt() {
        String personal = data.personalToken(data.admin(TestData.uniqueKey("nul-admin")));
        RawHttp.Answer answer =
                RawHttp.get(port, "/api/v1/approvals?project=a%00b", Map.of("Authorization", "Bearer " + personal));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"project\"").contains("NUL");
    }

    @Test
    void aNulInASignInFormIsRefusedWithAnHtmlPage() {
        RawHttp.Answer answer = RawHttp.send(
                port,
                "POST",
                "/login",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"),
                "username=a%00b&password=x".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    /** The example with {@code edit} applied, where {@link #BAD} in a value becomes the JSON escape {@code escape}. */
    private String body(String example, String escape, Consumer<ObjectNode> edit) {
        ObjectNode node = (ObjectNode) JSON.readTree(ExampleBodies.body(example, project, "staging"));
        edit.accept(node);
        return JSON.writeValueAsString(node).replace(BAD, escape);
    }

    private ResultActions send(String path, String body) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
