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
import org.migrationportal.audit.AuditCheckpoint;
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

    record Run(int exit, String printed) {}

    static Run verifyBundle(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "verify-bundle";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = BundleVerifier.run(all, new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new Run(exit, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAKeyOrCheckpointFromOutsideTheBundleItIsNotCalledVerified() {
        Run run = verifyBundle(bundle.toString());
        assertThat(run.printed())
                .doesNotContain("OK")
                .contains("NOT VERIFIED")
                .contains("only checked against the public key inside the bundle")
                .contains("--public-key")
                .contains("--checkpoint");
        assertThat(run.exit()).isEqualTo(3);
    }

    @Test
    void thePortalsPublicKeyFromOutsideTheBundleMakesItAVerification() throws Exception {
        Path key = Files.writeString(
                dir.resolve("portal-key.pem"), chain.publicKey().pem());
        Run run = verifyBundle(bundle.toString(), "--public-key", key.toString());
        assertThat(run.printed()).contains("OK: the bundle verifies against the public key given with --public-key");
        assertThat(run.exit()).isZero();
    }

    @Test
    void checkpointsKeptOutsideThePortalMakeItAVerificationAndCatchADisagreement() throws Exception {
        List<AuditCheckpoint> all = new ArrayList<>();
        for (List<AuditCheckpoint> page = chain.checkpoints(0, 1000);
                !page.isEmpty();
                page = chain.checkpoints(page.get(page.size() - 1).sequence(), 1000)) {
            all.addAll(page);
        }
        Path kept = Files.writeString(dir.resolve("checkpoints.json"), checkpointsJson(all));
        Run run = verifyBundle(bundle.toString(), "--checkpoint", kept.toString());
        assertThat(run.printed()).contains("OK: the bundle verifies against the checkpoints given with --checkpoint");
        assertThat(run.exit()).isZero();

        AuditCheckpoint last = all.get(all.size() - 1);
        AuditCheckpoint disagreeing = new AuditCheckpoint(
                last.sequence(),
                last.lastEntryId(),
                "0".repeat(64),
                last.entryCount(),
                last.sealedAt(),
                last.keyId(),
                last.signature());
        Path other = Files.writeString(dir.resolve("other.json"), checkpointsJson(List.of(disagreeing)));
        Run failed = verifyBundle(bundle.toString(), "--checkpoint", other.toString());
        assertThat(failed.printed()).contains("the bundle's chain was rewritten");
        assertThat(failed.exit()).isEqualTo(1);
    }

    @Test
    void duplicateFileNamesAndOversizedFilesAreRefused() throws Exception {
        // ZipOutputStream refuses two entries of one name: write a twin under a name of the same length, then
        // rename it in the raw bytes (names are not covered by the CRC).
        Path renamed = dir.resolve("twin-pending.zip");
        String twinName = EvidenceBundles.ENTRIES.replace(".jsonl", ".jsonX");
        try (ZipFile zip = new ZipFile(bundle.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(renamed))) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(twinName));
            out.write("{\"id\":1}\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        byte[] raw = Files.readAllBytes(renamed);
        byte[] from = twinName.getBytes(StandardCharsets.US_ASCII);
        byte[] to = EvidenceBundles.ENTRIES.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= raw.length; i++) {
            if (Arrays.equals(raw, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, raw, i, to.length);
            }
        }
        Path withTwin = Files.write(dir.resolve("twin.zip"), raw);
        Run twin = verifyBundle(withTwin.toString());
        assertThat(twin.printed()).contains("refused").contains("two files named audit-entries.jsonl");
        assertThat(twin.exit()).isEqualTo(2);

        Run perFile = verifyBundle(bundle.toString(), "--max-entry-bytes", "200");
        assertThat(perFile.printed()).contains("refused").contains("--max-entry-bytes");
        assertThat(perFile.exit()).isEqualTo(2);

        Run total = verifyBundle(bundle.toString(), "--max-total-bytes", "2000");
        assertThat(total.printed()).contains("refused").contains("--max-total-bytes");
        assertThat(total.exit()).isEqualTo(2);
    }

    static String checkpointsJson(List<AuditCheckpoint> checkpoints) {
        return checkpoints.stream()
                .map(c -> """
                        {"sequence":%d,"lastEntryId":%d,"entryHash":"%s","entryCount":%d,"sealedAt":"%s","keyId":"%s","signature":"%s"}""".formatted(
                                c.sequence(),
                                c.lastEntryId(),
                                c.entryHash(),
                                c.entryCount(),
                                c.sealedAt(),
                                c.keyId(),
                                c.signature()))
                .collect(java.util.stream.Collectors.joining(",", "{\"items\":[", "]}"));
    }

    @Test
    void anUntouchedBundleIsConsistentFromTheCommandLine() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), chain.publicKey().pem());
        Run run = verifyBundle(bundle.toString(), "--public-key", key.toString());
        assertThat(run.printed()).contains("OK: the bundle verifies").contains("contiguous chain");
        assertThat(run.exit()).isZero();
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
