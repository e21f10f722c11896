package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.migrationportal.projects.ProjectCatalog;
import org.migrationportal.support.PortalIntegrationTest;
import org.migrationportal.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The PDF report renders (page 1 is not blank) and contains the sampled change records and the chain result. */
@PortalIntegrationTest
class AuditReportTests {

    @Autowired
    TestData data;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProjectCatalog catalog;

    @Autowired
    AuditReports reports;

    @Test
    void theReportRendersAndContainsTheSampledRecords() throws Exception {
        String project = TestData.uniqueKey("report");
        data.project(project);
        EvidenceFixtures evidence = new EvidenceFixtures(jdbc, catalog, project);
        evidence.migration("r1", null, "alice", false);
        evidence.ciRun("abc1234", "bob");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(10, ChronoUnit.DAYS);
        long sampled = evidence.deployment(
                "prod", "abc1234", null, "r1", "succeeded", start.plusSeconds(3600), "pipeline", "deploy-bot", null);
        long human = evidence.deployment(
                "prod", "abc1234", "r1", "r1", "succeeded", start.plusSeconds(7200), "human", "mallory", null);

        ReportRequest request = new ReportRequest(start, start.plus(1, ChronoUnit.DAYS), project, null, 25, 7L);
        AuditReports.ReportContent content = reports.prepare(request, "auditor-anna");
        assertThat(content.sample().records())
                .extracting(ChangeRecord::deploymentId)
                .containsExactly(sampled, human);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        reports.render(content, pdf);

        try (PDDocument document = Loader.loadPDF(pdf.toByteArray())) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 50);
            assertThat(nonWhitePixels(page)).as("page 1 has visible content").isGreaterThan(500);
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Change-management evidence report")
                    .contains(project)
                    .contains("auditor-anna")
                    .contains("Deployment " + sampled)
                    .contains("Deployment " + human)
                    .contains("seed 7")
                    .contains("Deployed by a human (mallory)")
                    .contains("Audit chain verification");
        }
    }

    private static int nonWhitePixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return count;
    }
}
