package org.migrationportal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.audit.AuditCanonicalForm;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditCheckpoint;
import org.migrationportal.audit.AuditEntryView;
import org.migrationportal.audit.ChainLink;
import org.migrationportal.audit.CheckpointSignatures;
import org.migrationportal.audit.SealedAuditEntry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The offline bundle verifier in plain Java, against bundles assembled here in the documented format
 * (docs/export.md): a bundle as exported verifies, and each way of altering one is named.
 */
class BundleVerifierTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KeyPair PORTAL = keyPair();
    static final KeyPair OTHER = keyPair();

    @TempDir
    Path dir;

    /** What goes into a bundle; tests change it before {@link #write}. */
    static final class Parts {
        List<SealedAuditEntry> rows = chain(3);
        List<AuditCheckpoint> checkpoints = new ArrayList<>(List.of(checkpoint(1, rows, 3)));
        boolean contiguous = true;
        KeyPair signer = PORTAL;
        Consumer<ObjectNode> manifestEdit = m -> {};
        Consumer<Map<String, byte[]>> afterManifest = f -> {};
    }

    static List<SealedAuditEntry> chain(int count) {
        List<SealedAuditEntry> rows = new ArrayList<>();
        String prev = AuditCanonicalForm.GENESIS_HASH;
        for (long id = 1; id <= count; id++) {
            AuditEntryView entry = entry(id, "{\"note\":\"" + id + "\"}");
            String hash = AuditCanonicalForm.chainHash(entry, prev);
            rows.add(new SealedAuditEntry(entry, new ChainLink(id, prev, hash)));
            prev = hash;
        }
        return rows;
    }

    static AuditEntryView entry(long id, String details) {
        return new AuditEntryView(
                id,
                Instant.parse("2026-11-21T14:00:00Z").plusSeconds(id),
                "alice",
                "user",
                "deployment.recorded",
                "shop",
                "prod",
                "deployment",
                String.valueOf(id),
                "127.0.0.1",
                details);
    }

    static AuditCheckpoint checkpoint(long sequence, List<SealedAuditEntry> rows, int count) {
        ChainLink last = rows.get(count - 1).link();
        Instant sealedAt = Instant.parse("2026-11-21T15:00:00Z");
        AuditCheckpoint unsigned =
                new AuditCheckpoint(sequence, last.entryId(), last.entryHash(), count, sealedAt, keyId(PORTAL), null);
        return new AuditCheckpoint(
                sequence,
                last.entryId(),
                last.entryHash(),
                count,
                sealedAt,
                keyId(PORTAL),
                sign(PORTAL, unsigned.signedPayload()));
    }

    Path write(Parts parts) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringWriter jsonl = new StringWriter();
        for (SealedAuditEntry row : parts.rows) {
            AuditEntryFormats.writeJsonLine(row, jsonl);
        }
        files.put(EvidenceBundles.ENTRIES, jsonl.toString().getBytes(StandardCharsets.UTF_8));
        ArrayNode checkpoints = JSON.createArrayNode();
        for (AuditCheckpoint c : parts.checkpoints) {
            checkpoints
                    .addObject()
                    .put("sequence", c.sequence())
                    .put("lastEntryId", c.lastEntryId())
                    .put("entryHash", c.entryHash())
                    .put("entryCount", c.entryCount())
                    .put("sealedAt", c.sealedAt().toString())
                    .put("keyId", c.keyId())
                    .put("signature", c.signature());
        }
        files.put(EvidenceBundles.CHECKPOINTS, JSON.writeValueAsBytes(checkpoints));
        files.put(
                EvidenceBundles.PUBLIC_KEY,
                CheckpointSignatures.pem(PORTAL.getPublic()).getBytes(StandardCharsets.US_ASCII));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("contiguous", parts.contiguous);
        manifest.putObject("period").put("from", "2026-11-21T00:00:00Z").put("to", "2026-11-22T00:00:00Z");
        manifest.putObject("counts").put("auditEntries", parts.rows.size());
        ObjectNode audit = manifest.putObject("audit");
        SealedAuditEntry first = parts.rows.isEmpty() ? null : parts.rows.get(0);
        SealedAuditEntry last = parts.rows.isEmpty() ? null : parts.rows.get(parts.rows.size() - 1);
        audit.put("firstEntryId", first == null ? null : first.entry().id());
        audit.put("lastEntryId", last == null ? null : last.entry().id());
        audit.put("chainHashBefore", parts.contiguous ? AuditCanonicalForm.GENESIS_HASH : null);
        audit.put("firstEntryHash", first == null ? null : first.link().entryHash());
        audit.put("lastEntryHash", last == null ? null : last.link().entryHash());
        audit.put("chainHashAtPeriodEnd", last == null ? null : last.link().entryHash());
        audit.put("keyId", keyId(PORTAL));
        ArrayNode listed = manifest.putArray("files");
        files.forEach((name, bytes) -> listed.addObject().put("name", name).put("sha256", sha256(bytes)));
        parts.manifestEdit.accept(manifest);

        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        files.put(EvidenceBundles.MANIFEST, manifestBytes);
        files.put(
                EvidenceBundles.SIGNATURE,
                sign(parts.signer, AuditChain.manifestPayload(manifestBytes)).getBytes(StandardCharsets.US_ASCII));
        parts.afterManifest.accept(files);

        Path bundle = dir.resolve("bundle-" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(bundle);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return bundle;
    }

    BundleVerifier.Result verify(Consumer<Parts> change) throws IOException {
        Parts parts = new Parts();
        change.accept(parts);
        return BundleVerifier.verify(write(parts), null);
    }

    @Test
    void aBundleAsExportedVerifies() throws IOException {
        BundleVerifier.Result result = verify(p -> {});

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.firstProblem()).isNull();
        assertThat(result.summary())
                .contains("3 audit entries (ids 1..3)", "3 sealed", "1 checkpoint(s)", "contiguous chain")
                .contains("period 2026-11-21T00:00:00Z to 2026-11-22T00:00:00Z")
                .contains("key id " + keyId(PORTAL))
                .contains("chain hash at period end "
                        + new Parts().rows.get(2).link().entryHash());
    }

    @Test
    void aBundleCheckedAgainstThePinnedPortalKeyVerifies() throws IOException {
        Path bundle = write(new Parts());
        assertThat(BundleVerifier.verify(bundle, PORTAL.getPublic()).valid()).isTrue();
    }

    @Test
    void anEntryChangedInAContiguousBundleIsNamedWithItsLine() throws IOException {
        BundleVerifier.Result result = verify(p -> p.rows.set(
                1,
                new SealedAuditEntry(
                        entry(2, "{\"note\":\"changed\"}"), p.rows.get(1).link())));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).hasSize(1);
        assertThat(result.firstProblem())
                .startsWith("audit-entries.jsonl line 2: ")
                .contains("Entry 2 does not match its sealed hash");
    }

    @Test
    void moreThanOneChainProblemIsCounted() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.rows.set(0, new SealedAuditEntry(entry(1, "{}"), p.rows.get(0).link()));
            p.rows.set(1, new SealedAuditEntry(entry(2, "{}"), p.rows.get(1).link()));
        });

        assertThat(result.firstProblem()).contains("line 1: ").contains("(1 more chain problem(s))");
    }

    @Test
    void aChainProblemWithoutAnEntryIsReportedWithoutALine() throws IOException {
        // Every entry removed, the checkpoint that covered them kept: the chain ends at no entry at all.
        BundleVerifier.Result result = verify(p -> p.rows = List.of());

        assertThat(result.valid()).isFalse();
        assertThat(result.firstProblem()).startsWith("audit-entries.jsonl: The chain ends at no entry");
    }

    @Test
    void anEntryChangedInAFilteredBundleFailsItsOwnChainHash() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.contiguous = false;
            p.rows.set(
                    2,
                    new SealedAuditEntry(
                            entry(3, "{\"note\":\"changed\"}"), p.rows.get(2).link()));
        });

        assertThat(result.problems())
                .containsExactly(
                        "audit-entries.jsonl line 3: entry 3 does not match its chain hash: its content was changed");
        assertThat(result.summary()).contains("filtered entries");
    }

    @Test
    void aFilteredBundleWithGapsVerifies() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.contiguous = false;
            p.rows.remove(1);
        });

        assertThat(result.problems()).isEmpty();
    }

    @Test
    void reorderedEntriesAreNamed() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.contiguous = false;
            SealedAuditEntry second = p.rows.remove(1);
            p.rows.add(second);
        });

        assertThat(result.problems())
                .contains("audit-entries.jsonl line 3: entry 2 comes after entry 3: entries were reordered");
    }

    @Test
    void aLineThatIsNoEntryIsNamed() throws IOException {
        BundleVerifier.Result result = verify(p -> p.afterManifest = files -> {
            files.put(EvidenceBundles.ENTRIES, "{\"id\":1}\nnot json\n".getBytes(StandardCharsets.UTF_8));
        });

        assertThat(result.problems()).contains("audit-entries.jsonl line 2: not a valid audit entry");
    }

    @Test
    void aFileChangedAfterTheManifestWasWrittenIsNamed() throws IOException {
        BundleVerifier.Result result =
                verify(p -> p.afterManifest = files -> files.put(EvidenceBundles.CHECKPOINTS, "[]".getBytes()));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems())
                .singleElement()
                .asString()
                .startsWith("checkpoints.json: SHA-256 " + sha256("[]".getBytes()) + " differs from the manifest's ")
                .endsWith(": the file was changed");
    }

    @Test
    void aFileNotInTheManifestIsNamed() throws IOException {
        BundleVerifier.Result result =
                verify(p -> p.afterManifest = files -> files.put("extra.txt", "hello".getBytes()));

        assertThat(result.problems()).containsExactly("extra.txt: not listed in the manifest");
    }

    @Test
    void aListedFileThatIsMissingIsNamed() throws IOException {
        BundleVerifier.Result result =
                verify(p -> p.afterManifest = files -> files.remove(EvidenceBundles.CHECKPOINTS));

        assertThat(result.problems()).contains("checkpoints.json: listed in the manifest but missing from the bundle");
    }

    @Test
    void aZipWithoutAManifestIsNoBundle() throws IOException {
        BundleVerifier.Result result = verify(p -> p.afterManifest = files -> files.remove(EvidenceBundles.MANIFEST));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).containsExactly("manifest.json is missing: this is not an evidence bundle");
    }

    @Test
    void aBundleWithoutItsKeyIsNamedAndNotCheckedBySignature() throws IOException {
        BundleVerifier.Result result = verify(p -> p.afterManifest = files -> files.remove(EvidenceBundles.PUBLIC_KEY));

        assertThat(result.problems())
                .containsExactly(
                        "public-key.pem: listed in the manifest but missing from the bundle",
                        "public-key.pem is missing");
    }

    @Test
    void aManifestSignedByAnotherKeyIsRefused() throws IOException {
        BundleVerifier.Result result = verify(p -> p.signer = OTHER);

        assertThat(result.problems())
                .containsExactly("manifest.json: its signature does not verify with the portal key (key id "
                        + keyId(PORTAL) + "): the manifest was altered or not made by the portal");
    }

    @Test
    void aManifestWithoutItsSignatureIsRefused() throws IOException {
        BundleVerifier.Result result = verify(p -> p.afterManifest = files -> files.remove(EvidenceBundles.SIGNATURE));

        assertThat(result.problems())
                .singleElement()
                .asString()
                .startsWith("manifest.json: its signature does not verify");
    }

    @Test
    void aBundleWhoseKeyIsNotThePinnedOneIsRefusedEvenIfItsSignatureMatches() throws IOException {
        Path bundle = write(new Parts());

        BundleVerifier.Result result = BundleVerifier.verify(bundle, OTHER.getPublic());

        assertThat(result.problems())
                .contains("public-key.pem is not the key given with --public-key (bundle key id " + keyId(PORTAL)
                        + ", expected " + keyId(OTHER) + ")")
                .anySatisfy(p -> assertThat(p).startsWith("manifest.json: its signature does not verify"));
    }

    @Test
    void aManifestThatCountsOtherEntriesIsRefused() throws IOException {
        BundleVerifier.Result result =
                verify(p -> p.manifestEdit = m -> m.withObject("counts").put("auditEntries", 4));

        assertThat(result.problems())
                .containsExactly("manifest counts 4 audit entries, the bundle holds 3: entries were removed or added");
    }

    @Test
    void aManifestWithoutACountIsRefused() throws IOException {
        BundleVerifier.Result result = verify(p -> p.manifestEdit = m -> m.remove("counts"));

        assertThat(result.problems())
                .containsExactly("manifest counts -1 audit entries, the bundle holds 3: entries were removed or added");
    }

    @Test
    void aManifestWhoseFirstAndLastEntriesDifferIsRefused() throws IOException {
        BundleVerifier.Result result = verify(p -> p.manifestEdit = m -> m.withObject("audit")
                .put("firstEntryId", 0)
                .put("lastEntryId", 9)
                .put("firstEntryHash", "aa")
                .put("lastEntryHash", "bb")
                .put("chainHashAtPeriodEnd", "cc"));

        assertThat(result.problems())
                .containsExactly(
                        "manifest first entry id is 0, the bundle's entries give 1",
                        "manifest last entry id is 9, the bundle's entries give 3",
                        "manifest first entry hash is aa, the bundle's entries give "
                                + new Parts().rows.get(0).link().entryHash(),
                        "manifest last entry hash is bb, the bundle's entries give "
                                + new Parts().rows.get(2).link().entryHash(),
                        "manifest chain hash at period end is cc, the bundle's entries give "
                                + new Parts().rows.get(2).link().entryHash());
    }

    @Test
    void anEmptyPeriodVerifiesWithNullIdsAndHashes() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.rows = List.of();
            p.checkpoints = List.of();
        });

        assertThat(result.problems()).isEmpty();
        assertThat(result.summary())
                .contains("0 audit entries,")
                .doesNotContain("ids")
                .doesNotContain("period end");
    }

    @Test
    void aManifestThatClaimsEntriesOfAnEmptyPeriodIsRefused() throws IOException {
        BundleVerifier.Result result = verify(p -> {
            p.rows = List.of();
            p.checkpoints = List.of();
            p.manifestEdit = m -> m.withObject("audit").put("firstEntryId", 1);
        });

        assertThat(result.problems()).containsExactly("manifest first entry id is 1, the bundle's entries give null");
    }

    @Test
    void aBundleWithoutEntriesSaysSo() throws IOException {
        BundleVerifier.Result result = verify(p -> p.afterManifest = files -> files.remove(EvidenceBundles.ENTRIES));

        assertThat(result.summary()).isEqualTo("no audit-entries.jsonl in the bundle");
        assertThat(result.problems())
                .containsExactly("audit-entries.jsonl: listed in the manifest but missing from the bundle");
    }

    @Test
    void theCommandAnswersZeroForAVerifiedBundleThreeWithoutAnAnchorOneForProblemsAndTwoForUsage() throws IOException {
        Path valid = write(new Parts());
        Parts changed = new Parts();
        changed.manifestEdit = m -> m.withObject("counts").put("auditEntries", 4);
        Path invalid = write(changed);
        Path key = dir.resolve("key.pem");
        Files.writeString(key, CheckpointSignatures.pem(PORTAL.getPublic()));

        Output unanchored = run("verify-bundle", valid.toString());
        assertThat(unanchored.code).isEqualTo(3);
        assertThat(unanchored.text).contains("bundle: 3 audit entries", "NOT VERIFIED: ");
        Output ok = run("verify-bundle", valid.toString(), "--public-key", key.toString());
        assertThat(ok.code).isZero();
        assertThat(ok.text).contains("OK: the bundle verifies against the public key given with --public-key.");

        Output failed = run("verify-bundle", invalid.toString());
        assertThat(failed.code).isEqualTo(1);
        assertThat(failed.text)
                .contains("FAILED: 1 problem(s). First: manifest counts 4")
                .contains("  - manifest counts 4");

        assertThat(run("verify-bundle").code).isEqualTo(2);
        assertThat(run("verify-bundle").text).startsWith("usage: ");
        assertThat(run("verify-bundle", valid.toString(), "--public-key").code).isEqualTo(2);
        assertThat(run("verify-bundle", valid.toString(), "--key", key.toString()).code)
                .isEqualTo(2);
        assertThat(run("verify-bundle", valid.toString(), "--public-key", key.toString(), "more").code)
                .isEqualTo(2);
        Output unreadable = run("verify-bundle", dir.resolve("missing.zip").toString());
        assertThat(unreadable.code).isEqualTo(2);
        assertThat(unreadable.text).startsWith("cannot read ");
    }

    @Test
    void theCommandCountsProblemsBeyondItsLimit() throws IOException {
        Parts many = new Parts();
        many.afterManifest = files -> {
            // More problems than the verifier lists, in fewer files than its cap on files (64).
            for (int i = 0; i < 55; i++) {
                files.put("extra-" + i + ".txt", new byte[] {1});
            }
        };
        Output failed = run("verify-bundle", write(many).toString());

        assertThat(failed.code).isEqualTo(1);
        assertThat(failed.text).contains("FAILED: 50+ problem(s).");
    }

    private record Output(int code, String text) {}

    private static Output run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = BundleVerifier.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static String keyId(KeyPair key) {
        return CheckpointSignatures.keyId(key.getPublic());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(AuditCanonicalForm.sha256().digest(bytes));
    }

    private static String sign(KeyPair key, byte[] payload) {
        try {
            Signature signer = Signature.getInstance(CheckpointSignatures.ALGORITHM);
            signer.initSign(key.getPrivate());
            signer.update(payload);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
