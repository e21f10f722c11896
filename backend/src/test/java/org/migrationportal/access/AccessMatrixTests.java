package org.migrationportal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.migrationportal.approvals.ApprovalRequests;
import org.migrationportal.approvals.NewApprovalRequest;
import org.migrationportal.identity.Role;
import org.migrationportal.identity.RoleGrantDefinition;
import org.migrationportal.support.ExampleBodies;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access matrix (src/test/resources/access/access-matrix.txt): every endpoint Spring maps has a row saying
 * what each kind of caller gets, and every row is called as every caller. A new endpoint fails this test until
 * its row is added; a changed rule fails it until the row is changed too.
 */
@PortalIntegrationTest
@TestPropertySource(properties = "portal.bootstrap-admin-token=" + AccessMatrixTests.BOOTSTRAP)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

    static final String BOOTSTRAP = "access-matrix-bootstrap-token-0123456789";
    static final String MATRIX = "/access/access-matrix.txt";
    static final List<String> CALLERS = List.of(
            "anon",
            "viewer",
            "appr",
            "appr-Q",
            "auditor",
            "admin",
            "adm-read",
            "ci",
            "dep@dev",
            "read",
            "read@dev",
            "read-Q",
            "boot");
    /** Served by resource handlers, not handler methods: rows for them are checked but need no mapping. */
    static final List<String> STATIC_PREFIXES = List.of("/css/", "/js/", "/img/", "/webjars/");

    static final String NO_SUCH_ID = "987654321";
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Row(String method, String pattern, String path, Map<String, String> expected, int line) {
        String endpoint() {
            return method + " " + pattern;
        }
    }

    /** How one kind of caller authenticates: a bearer token, a signed-in user, or nothing. */
    record Caller(String bearer, String username) {}

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    ApplicationContext context;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApprovalRequests approvals;

    final Map<String, Caller> callers = new LinkedHashMap<>();
    final Map<String, String> ids = new LinkedHashMap<>();
    String project;
    String other;
    String viewer;
    List<Row> rows;

    @BeforeAll
    void fixtures() throws Exception {
        rows = readMatrix();
        project = TestData.uniqueKey("matrix");
        other = TestData.uniqueKey("matrix-q");
        data.project(project);
        data.project(other);
        viewer = data.user(TestData.uniqueKey("m-viewer"));
        String approver = data.user(TestData.uniqueKey("m-appr"), new RoleGrantDefinition(Role.APPROVER, project));
        String otherApprover = data.user(TestData.uniqueKey("m-apprq"), new RoleGrantDefinition(Role.APPROVER, other));
        String auditor = data.user(TestData.uniqueKey("m-auditor"), new RoleGrantDefinition(Role.AUDITOR, null));
        String admin = data.admin(TestData.uniqueKey("m-admin"));
        callers.put("anon", new Caller(null, null));
        callers.put("viewer", new Caller(data.personalToken(viewer), viewer));
        callers.put("appr", new Caller(data.personalToken(approver), approver));
        callers.put("appr-Q", new Caller(data.personalToken(otherApprover), otherApprover));
        callers.put("auditor", new Caller(data.personalToken(auditor), auditor));
        callers.put("admin", new Caller(data.personalToken(admin), admin));
        callers.put("adm-read", new Caller(data.personalToken(admin, null, "read"), null));
        String ci = data.projectToken(project, List.of("ci:write"), List.of());
        callers.put("ci", new Caller(ci, null));
        callers.put(
                "dep@dev",
                new Caller(
                        data.projectToken(
                                project, List.of("deploy:write", "backup:write", "gate:read"), List.of("dev")),
                        null));
        callers.put("read", new Caller(data.projectToken(project, List.of("read"), List.of()), null));
        callers.put("read@dev", new Caller(data.projectToken(project, List.of("read"), List.of("dev")), null));
        callers.put("read-Q", new Caller(data.projectToken(other, List.of("read"), List.of()), null));
        callers.put("boot", new Caller(BOOTSTRAP, null));

        // Evidence of P outside dev, so environment-restricted tokens have something to be refused.
        String writer = data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write"), List.of());
        ids.put("/api/v1/ci-runs/{id}", post(writer, "/api/v1/ci-runs", ciRun()));
        for (String kind : List.of("deployment", "backup", "drift-report")) {
            ids.put("/api/v1/" + kind + "s/{id}", post(writer, "/api/v1/" + kind + "s", body(kind, "staging")));
        }
        ids.put(
                "/api/v1/approvals/{id}",
                String.valueOf(asAdmin(() -> approvals.open(
                                new NewApprovalRequest(project, "prod", List.of("b7e1d2c3a4f5"), "access matrix"),
                                "matrix-requester",
                                "api"))
                        .id()));
        ids.put("/api/v1/projects/{key}/tokens/{id}", tokenId(data.projectToken(project, List.of("read"), List.of())));
    }

    @Test
    void everyMappedEndpointHasARowAndEveryRowAnEndpoint() {
        Set<String> mapped = mappedEndpoints();
        Set<String> listed = rows.stream().map(Row::endpoint).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(mapped);
        unknown.removeIf(endpoint -> STATIC_PREFIXES.stream().anyMatch(p -> endpoint.contains(" " + p)));
        assertThat(missing)
                .as("endpoints without a row in " + MATRIX + " (add one line each, see the header)")
                .isEmpty();
        assertThat(unknown)
                .as("rows in " + MATRIX + " that name no mapped endpoint")
                .isEmpty();
    }

    @Test
    void everyCallerGetsTheAnswerItsRowSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (String caller : CALLERS) {
                String expected = row.expected().get(caller);
                if (expected.equals("-")) {
                    expected = row.expected().get("anon");
                }
                MvcResult result = mvc.perform(request(row, caller)).andReturn();
                int status = result.getResponse().getStatus();
                String actual = outcome(status, result.getResponse().getHeader("Location"));
                if (status >= 500 || !actual.equals(expected)) {
                    wrong.add("line %d %s as %s: expected %s, got %s (%d)"
                            .formatted(row.line(), row.endpoint(), caller, expected, actual, status));
                }
            }
        }
        assertThat(wrong).as("answers that differ from " + MATRIX).isEmpty();
    }

    // ---------------------------------------------------------------- requests

    private MockHttpServletRequestBuilder request(Row row, String callerName) {
        String method = row.method().equals("*") ? "GET" : row.method();
        String path = resolve(row);
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
        if (path.startsWith("/error")) {
            // As the container forwards there: with the status of the error being shown.
            request.requestAttr(jakarta.servlet.RequestDispatcher.ERROR_STATUS_CODE, 404);
        }
        Caller caller = callers.get(callerName);
        boolean api = path.startsWith("/api/") || path.startsWith("/actuator");
        if (api) {
            if (caller.bearer() != null) {
                request.header("Authorization", "Bearer " + caller.bearer());
            }
            if (!method.equals("GET") && !method.equals("DELETE")) {
                request.contentType(MediaType.APPLICATION_JSON).content(apiBody(row.endpoint()));
            }
        } else {
            if (caller.username() != null) {
                request.with(user(users.loadUserByUsername(caller.username())));
            } else if (caller.bearer() != null) {
                request.header("Authorization", "Bearer " + caller.bearer());
            }
            request.with(csrf()).accept(MediaType.TEXT_HTML);
        }
        return request;
    }

    private String resolve(Row row) {
        String path = row.path();
        String id = row.pattern().startsWith("/api/v1/approvals/{id}")
                ? ids.get("/api/v1/approvals/{id}")
                : ids.getOrDefault(row.pattern(), NO_SUCH_ID);
        return path.replace("{key}", project)
                .replace("{project}", project)
                .replace("{env}", "prod")
                .replace("{environment}", "prod")
                .replace("{username}", viewer)
                .replace("{revision}", "b7e1d2c3a4f5")
                .replace("{tokenId}", NO_SUCH_ID)
                .replace("{id}", id);
    }

    private String apiBody(String endpoint) {
        return switch (endpoint) {
            case "POST /api/v1/ci-runs" -> ciRun();
            case "POST /api/v1/deployments" -> body("deployment", "dev");
            case "POST /api/v1/backups" -> body("backup", "dev");
            case "POST /api/v1/drift-reports" -> body("drift-report", "dev");
            case "POST /api/v1/gate" -> ExampleBodies.gate(project, "dev");
            case "POST /api/v1/approvals" ->
                "{\"project\":\"%s\",\"environment\":\"prod\",\"revisions\":[\"no-such-revision\"],\"reason\":\"matrix\"}"
                        .formatted(project);
            case "POST /api/v1/approvals/{id}/decisions" -> "{\"decision\":\"approve\",\"comment\":\"matrix\"}";
            case "POST /api/v1/audit/verify" -> "{\"checkpoints\":[]}";
            default -> "{}";
        };
    }

    private String body(String kind, String environment) {
        return ExampleBodies.body(kind, project, environment);
    }

    /** A CI run on a branch other than the default one, so it opens no approval request by itself. */
    private String ciRun() {
        return ExampleBodies.body("ci-run", project, null).replace("\"branch\":\"main\"", "\"branch\":\"matrix\"");
    }

    private static String outcome(int status, String location) {
        if (status == 401 || status == 403) {
            return String.valueOf(status);
        }
        if (status == 302 && location != null && location.endsWith("/login")) {
            return "login";
        }
        return "ok";
    }

    private String post(String token, String path, String body) throws Exception {
        MvcResult result = mvc.perform(MockMvcRequestBuilders.post(path)
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(path).isEqualTo(201);
        return JSON.readTree(result.getResponse().getContentAsString())
                .get("id")
                .asString();
    }

    private String tokenId(String token) {
        return String.valueOf(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("select id from api_token where public_id = ?", Long.class, token.substring(4, 16)));
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> work) {
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
                "test-admin",
                null,
                org.springframework.security.core.authority.AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    // ---------------------------------------------------------------- the table

    private Set<String> mappedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> {
                    Set<String> methods = info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .collect(Collectors.toSet());
                    for (String pattern : info.getPatternValues()) {
                        if (methods.isEmpty()) {
                            endpoints.add("* " + pattern);
                        }
                        methods.forEach(method -> endpoints.add(method + " " + pattern));
                    }
                }));
        return endpoints;
    }

    private static List<Row> readMatrix() throws IOException {
        String text;
        try (InputStream in = AccessMatrixTests.class.getResourceAsStream(MATRIX)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(line.split("\\s+")));
            String method = cells.remove(0);
            String pattern = cells.remove(0);
            String path = pattern;
            if (cells.get(0).equals("->")) {
                cells.remove(0);
                path = cells.remove(0);
            }
            assertThat(cells)
                    .as("line " + (i + 1) + ": one answer per caller " + CALLERS)
                    .hasSize(CALLERS.size());
            Map<String, String> expected = new LinkedHashMap<>();
            for (int c = 0; c < CALLERS.size(); c++) {
                assertThat(cells.get(c)).as("line " + (i + 1)).isIn("ok", "401", "403", "login", "-");
                expected.put(CALLERS.get(c), cells.get(c));
            }
            rows.add(new Row(method, pattern, path, expected, i + 1));
        }
        return rows;
    }
}
