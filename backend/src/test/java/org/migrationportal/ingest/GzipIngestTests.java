package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.cli.PortalCli;
import org.migrationportal.cli.portal.RetryPolicy;
import org.migrationportal.ingest.web.IngestProperties;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Ingest bodies may come gzip-compressed: the size limit applies to the decoded body (a decompression bomb
 * is a fast 413), broken gzip is 400 and any other encoding 415. Real histories fit: 400 migrations with
 * 10,000 operations and 20,000 lint findings, reported through the CLI, are stored in full.
 */
@PortalIntegrationTest
class GzipIngestTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestData data;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IngestProperties properties;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    String project;
    String token;

    @BeforeEach
    void setUp() {
        project = TestData.uniqueKey("gz");
        data.project(project);
        token = data.projectToken(project, List.of("ci:write", "deploy:write", "gate:read"), List.of());
    }

    ResultActions send(byte[] body, String encoding) throws Exception {
        return mvc.perform(post("/api/v1/drift-reports")
                .header("Authorization", "Bearer " + token)
                .header("Content-Encoding", encoding)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aGzipBodyIsDecodedAndStored() throws Exception {
        byte[] json = IngestExamples.body("drift-report", project).getBytes(StandardCharsets.UTF_8);
        send(gzip(json), "gzip").andExpect(status().isCreated());
    }

    @Test
    void aDecompressionBombIs413() throws Exception {
        byte[] bomb = gzip(new byte[(int) properties.maxBodyBytes().toBytes() + 1024]);
        assertThat(bomb.length).isLessThan(100_000);
        send(bomb, "gzip")
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("/problems/too-large"));
    }

    @Test
    void brokenGzipIs400() throws Exception {
        byte[] truncated = gzip(IngestExamples.body("drift-report", project).getBytes(StandardCharsets.UTF_8));
        byte[] broken = java.util.Arrays.copyOf(truncated, truncated.length / 2);
        send(broken, "gzip")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/bad-encoding"));
        send("not gzip at all".getBytes(StandardCharsets.UTF_8), "gzip")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/bad-encoding"));
    }

    @Test
    void anotherEncodingIs415() throws Exception {
        send(IngestExamples.body("drift-report", project).getBytes(StandardCharsets.UTF_8), "br")
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(header().string("Accept-Encoding", "gzip"))
                .andExpect(jsonPath("$.type").value("/problems/unsupported-encoding"));
    }

    @Test
    void aRealSizedHistoryIsStoredInFull() throws Exception {
        StringBuilder manifest = new StringBuilder("{\"migrations\":[");
        for (int m = 0; m < 400; m++) {
            manifest.append(m == 0 ? "" : ",")
                    .append("{\"revision\":\"r%04d\",\"parents\":[%s],\"description\":\"change %d\","
                            .formatted(m, m == 0 ? "" : "\"r%04d\"".formatted(m - 1), m))
                    .append("\"checksum\":\"sha256:%064x\",\"downgrade\":\"reversible\",\"transactional\":true,"
                            .formatted(m))
                    .append("\"phase\":\"none\",\"operations\":[");
            for (int o = 0; o < 25; o++) {
                manifest.append(o == 0 ? "" : ",")
                        .append(
                                "{\"type\":\"alter_column_type\",\"table\":\"t%d\",\"column\":\"c%d\",\"destructive\":true}"
                                        .formatted(m, o));
            }
            manifest.append("]}");
        }
        manifest.append("]}");
        Path manifestFile = Files.writeString(dir.resolve("manifest.json"), manifest);
        StringBuilder sarif = new StringBuilder(
                "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"squawk\"}},\"results\":[");
        for (int f = 0; f < 20_000; f++) {
            sarif.append(f == 0 ? "" : ",")
                    .append(
                            "{\"ruleId\":\"changing-column-type\",\"level\":\"warning\",\"message\":{\"text\":\"Changing a column type")
                    .append(" rewrites the table (%d)\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":"
                            .formatted(f))
                    .append("{\"uri\":\"migrations/V%d.sql\"},\"region\":{\"startLine\":%d}}}]}"
                            .formatted(f % 400, f % 97 + 1));
        }
        sarif.append("]}]}");
        Path sarifFile = Files.writeString(dir.resolve("squawk.sarif"), sarif);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new PortalCli(
                        Map.of("PORTAL_URL", "http://localhost:" + port, "PORTAL_TOKEN", token),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        RetryPolicy.standard())
                .execute(
                        "report",
                        "--project",
                        project,
                        "--provider",
                        "github-actions",
                        "--external-id",
                        "big-1",
                        "--commit",
                        "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4",
                        "--branch",
                        "feature",
                        "--manifest",
                        manifestFile.toString(),
                        "--lint-sarif",
                        sarifFile.toString(),
                        "--check",
                        "heads=passed");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(jdbc.sql(
                                "select count(*) from migration m join project p on p.id = m.project_id where p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from migration_operation o join migration m on m.id = o.migration_id"
                                + " join project p on p.id = m.project_id where p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(10_000);
        assertThat(jdbc.sql("select count(*) from ci_finding f join ci_check c on c.id = f.ci_check_id"
                                + " join ci_run r on r.id = c.ci_run_id join project p on p.id = r.project_id"
                                + " where p.project_key = ?")
                        .param(project)
                        .query(Long.class)
                        .single())
                .isEqualTo(20_000);

        // 400 revisions fail the same few ways: one reason per code, with the count and every message.
        String answer = mvc.perform(post("/api/v1/gate")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"project\":\"%s\",\"environment\":\"prod\",\"toRevision\":\"r0399\",\"commitSha\":\"%s\"}"
                                        .formatted(project, "4f2c9e1a7b3d5c8e0f1a2b3c4d5e6f708192a3b4")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        tools.jackson.databind.JsonNode gate =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(answer);
        List<String> codes = new java.util.ArrayList<>();
        gate.get("reasons").forEach(r -> codes.add(r.get("code").asString()));
        assertThat(codes).as(answer).doesNotHaveDuplicates().contains("approval-missing");
        tools.jackson.databind.JsonNode approvals = gate.get("reasons").get(codes.indexOf("approval-missing"));
        assertThat(approvals.get("count").asInt()).isEqualTo(400);
        assertThat(approvals.get("details").size()).isEqualTo(400);
        assertThat(approvals.get("message").asString()).contains("400 revisions:", "and 397 more");
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
