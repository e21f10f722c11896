package org.migrationportal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.migrationportal.support.ExampleBodies;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project token restricted to {@code dev} reads and writes only {@code dev}: every read of
 * environment-scoped evidence filters or refuses, and every write endpoint refuses other environments.
 */
@PortalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentRestrictedTokenTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Every API write that names an environment, with a body for {@code (project, environment)} and the scope
     * it needs. A new write endpoint goes here, or into {@link #NOT_ENVIRONMENT_SCOPED} with the reason.
     */
    static final Map<String, Write> ENVIRONMENT_SCOPED_WRITES = Map.of(
            "POST /api/v1/deployments",
            new Write("deploy:write", (p, e) -> ExampleBodies.body("deployment", p, e)),
            "POST /api/v1/backups",
            new Write("backup:write", (p, e) -> ExampleBodies.body("backup", p, e)),
            "POST /api/v1/drift-reports",
            new Write("deploy:write", (p, e) -> ExampleBodies.body("drift-report", p, e)),
            "POST /api/v1/gate",
            new Write("gate:read", ExampleBodies::gate));

    /** API writes a project token cannot make for any environment, or that belong to no environment. */
    static final Map<String, String> NOT_ENVIRONMENT_SCOPED = Map.ofEntries(
            Map.entry("POST /api/v1/ci-runs", "a CI run belongs to the project's repository, not to an environment"),
            Map.entry("POST /api/v1/approvals", "people only (personal tokens)"),
            Map.entry("POST /api/v1/approvals/{id}/decisions", "people only (personal tokens)"),
            Map.entry("POST /api/v1/audit/verify", "auditors only; reads the chain"),
            Map.entry("POST /api/v1/projects", "admins only"),
            Map.entry("PUT /api/v1/projects/{key}", "admins only"),
            Map.entry("POST /api/v1/projects/{key}/environments", "admins only"),
            Map.entry("PUT /api/v1/projects/{key}/environments/{environment}", "admins only"),
            Map.entry("POST /api/v1/projects/{key}/tokens", "admins only"),
            Map.entry("DELETE /api/v1/projects/{key}/tokens/{id}", "admins only"),
            Map.entry("POST /api/v1/projects/{key}/compliance/evaluate", "admins only"),
            Map.entry("PUT /api/v1/projects/{key}/environments/{env}/policy", "admins only"),
            Map.entry("POST /api/v1/users", "admins only"));

    record Write(String scope, BiFunction<String, String, String> body) {}

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    String project;
    String devReader;
    Map<String, Long> stagingIds = new java.util.HashMap<>();

    @BeforeAll
    void evidenceInDevAndStaging() throws Exception {
        project = TestData.uniqueKey("envread");
        data.project(project);
        String writer = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
        for (String environment : List.of("dev", "staging")) {
            for (String kind : List.of("deployment", "backup", "drift-report")) {
                MvcResult posted = mvc.perform(post("/api/v1/" + kind + "s")
                                .header("Authorization", "Bearer " + writer)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(ExampleBodies.body(kind, project, environment)))
                        .andExpect(status().isCreated())
                        .andReturn();
                if (environment.equals("staging")) {
                    stagingIds.put(
                            kind,
                            JSON.readTree(posted.getResponse().getContentAsString())
                                    .get("id")
                                    .asLong());
                }
            }
        }
        devReader = data.projectToken(project, List.of("read"), List.of("dev"));
    }

    private JsonNode read(String path) throws Exception {
        return JSON.readTree(mvc.perform(get(path).header("Authorization", "Bearer " + devReader))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private void refused(String path) throws Exception {
        mvc.perform(get(path).header("Authorization", "Bearer " + devReader))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evidenceKinds")
    void listsShowOnlyTheTokensEnvironments(String kind) throws Exception {
        for (String list : List.of("/api/v1/" + kind + "s?project=" + project, "/api/v1/" + kind + "s")) {
            Set<String> environments = new HashSet<>();
            read(list)
                    .get("items")
                    .forEach(item -> environments.add(item.get("environmentKey").asString()));
            assertThat(environments).as(list).containsExactly("dev");
        }
        refused("/api/v1/" + kind + "s?project=" + project + "&environment=staging");
        refused("/api/v1/" + kind + "s/" + stagingIds.get(kind));
    }

    static Stream<String> evidenceKinds() {
        return Stream.of("deployment", "backup", "drift-report");
    }

    @Test
    void complianceAndPoliciesOfOtherEnvironmentsAreRefused() throws Exception {
        read("/api/v1/projects/" + project + "/environments/dev/compliance");
        refused("/api/v1/projects/" + project + "/environments/staging/compliance");
        refused("/api/v1/projects/" + project + "/environments/prod/policy");
        JsonNode overall = read("/api/v1/projects/" + project + "/compliance");
        assertThat(overall.get("environments").size()).isEqualTo(1);
        assertThat(overall.get("environments").get(0).get("environment").asString())
                .isEqualTo("dev");
    }

    @Test
    void approvalsAndCiRunsOfOtherEnvironmentsAreRefused() throws Exception {
        read("/api/v1/approvals?project=" + project);
        refused("/api/v1/approvals?project=" + project + "&environment=prod");
        refused("/api/v1/ci-runs?project=" + project + "&environment=staging");
        read("/api/v1/ci-runs?project=" + project + "&environment=dev");
    }

    // ---------------------------------------------------------------- writes (issue 20, item 5)

    @ParameterizedTest(name = "{0}")
    @MethodSource("environmentScopedWrites")
    void everyWriteRefusesATokenRestrictedToAnotherEnvironment(String endpoint) throws Exception {
        Write write = ENVIRONMENT_SCOPED_WRITES.get(endpoint);
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        String devOnly = data.projectToken(project, List.of(write.scope()), List.of("dev"));

        mvc.perform(post(path)
                        .header("Authorization", "Bearer " + devOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(write.body().apply(project, "staging")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.anything()));
        mvc.perform(post(path)
                        .header("Authorization", "Bearer " + devOnly)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(write.body().apply(project, "dev")))
                .andExpect(status().is2xxSuccessful());
    }

    static Stream<Arguments> environmentScopedWrites() {
        return ENVIRONMENT_SCOPED_WRITES.keySet().stream().sorted().map(Arguments::of);
    }

    @Test
    void everyApiWriteEndpointIsInOneOfTheTwoLists() {
        Set<String> writes = new java.util.TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/"))
                        .forEach(pattern -> info.getMethodsCondition().getMethods().stream()
                                .filter(method -> !method.name().equals("GET"))
                                .forEach(method -> writes.add(method.name() + " " + pattern))));
        Set<String> listed = new HashSet<>(ENVIRONMENT_SCOPED_WRITES.keySet());
        listed.addAll(NOT_ENVIRONMENT_SCOPED.keySet());
        assertThat(listed)
                .as("every API write endpoint is listed as environment-scoped (and tested) or not, with a reason")
                .containsAll(writes);
    }
}
