package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditRecord;
import org.migrationportal.audit.AuditTrail;
import org.migrationportal.support.PortalIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An evidence bundle verifies offline; one changed byte, one removed entry or a reordered pair fails and
 * names the spot (entry id and line), and so does a manifest edited after signing.
 */
@PortalIntegrationTest
class EvidenceBundleTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditChain chain;

    @Autowired
    EvidenceBundles bundles;

    @TempDir
    Path dir;

    Path bundle;
    List<Long> ids = new ArrayList<>();

    @BeforeEach
    void aSealedPeriodInABundle() {
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 1; i <= 5; i++) {
            ids.add(trail.recordStandalone(
                    AuditRecord.of("bundle.test").details(Map.of("n", i)).bySystem("bundle-actor-" + i)));
        }
        chain.sealNow(Duration.ofSeconds(30));
        bundle = dir.resolve("bundle.zip");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            bundles.write(
                    new ReportRequest(from, Instant.now().plusSeconds(1), null, null, 5, 42L),
                    "test-auditor",
                    out,
                    null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUntouchedBundleVerifiesFromTheCommandLine() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = BundleVerifier.run(
                new String[] {"verify-bundle", bundle.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("OK: the bundle verifies")
                .contains("contiguous chain");
        assertThat(exit).isZero();
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName))
                    .contains(
                            "audit-entries.jsonl",
                            "change-records.jsonl",
                            "report.pdf",
                            "checkpoints.json",
                            "public-key.pem",
                            "manifest.json",
                            "manifest.sig");
            String manifest = new String(
                    zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(manifest)
                    .contains("\"sampleSeed\" : 42")
                    .contains("\"chainHashAtPeriodEnd\"")
                    .contains("\"sha256\"");
        }
    }

    @Test
    void oneChangedByteIsNamedByEntryAndLine() throws Exception {
        long target = ids.get(2);
        Path tampered = rewrite(EvidenceBundles.ENTRIES, text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            int line = indexOf(lines, target);
            lines.set(line, lines.get(line).replace("\"actor\":\"bundle-actor-3\"", "\"actor\":\"bundle-actor-8\""));
            return String.join("\n", lines) + "\n";
        });
        BundleVerifier.Result result = BundleVerifier.verify(tampered, null);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem())
                .contains("Entry " + target)
                .contains("line")
                .contains("changed");
        assertThat(result.problems()).anyMatch(p -> p.startsWith("audit-entries.jsonl: SHA-256"));
    }

    @Test
    void oneRemovedEntryIsNamedByTheEntryAfterTheGap() throws Exception {
        long removed = ids.get(2);
        long next = ids.get(3);
        Path tampered = rewrite(EvidenceBundles.ENTRIES, text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            lines.removeIf(line -> line.startsWith("{\"id\":" + removed + ","));
            return String.join("\n", lines) + "\n";
        });
        BundleVerifier.Result result = BundleVerifier.verify(tampered, null);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem())
                .contains("entry " + next)
                .contains("entry " + ids.get(1))
                .contains("removed");
        assertThat(result.problems()).anyMatch(p -> p.contains("entries were removed or added"));
    }

    @Test
    void aReorderedPairIsNamed() throws Exception {
        long first = ids.get(1);
        long second = ids.get(2);
        Path tampered = rewrite(EvidenceBundles.ENTRIES, text -> {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
            int a = indexOf(lines, first);
            int b = indexOf(lines, second);
            String swap = lines.get(a);
            lines.set(a, lines.get(b));
            lines.set(b, swap);
            return String.join("\n", lines) + "\n";
        });
        BundleVerifier.Result result = BundleVerifier.verify(tampered, null);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem())
                .contains("entry " + first + " comes after entry " + second)
                .contains("reordered");
    }

    @Test
    void aManifestEditedAfterSigningFailsItsSignature() throws Exception {
        Path tampered =
                rewrite(EvidenceBundles.MANIFEST, text -> text.replace("\"sampleSeed\" : 42", "\"sampleSeed\" : 43"));
        BundleVerifier.Result result = BundleVerifier.verify(tampered, null);
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.contains("manifest.json: its signature does not verify"));
    }

    private static int indexOf(List<String> lines, long id) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"id\":" + id + ",")) {
                return i;
            }
        }
        throw new IllegalStateException("entry " + id + " is not in the bundle");
    }

    /** Copies the bundle, changing one file's text. */
    private Path rewrite(String name, UnaryOperator<String> change) throws IOException {
        Path copy = dir.resolve("tampered-" + System.nanoTime() + ".zip");
        try (ZipFile zip = new ZipFile(bundle.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().equals(name)) {
                    String before = new String(bytes, StandardCharsets.UTF_8);
                    String after = change.apply(before);
                    assertThat(after).as("the tampering changed something").isNotEqualTo(before);
                    bytes = after.getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        return copy;
    }
}
