package org.migrationportal.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.migrationportal.audit.AuditCanonicalForm;
import org.migrationportal.audit.AuditChain;
import org.migrationportal.audit.AuditCheckpoint;
import org.migrationportal.audit.ChainProblem;
import org.migrationportal.audit.ChainVerification;
import org.migrationportal.audit.ChainVerificationResult;
import org.migrationportal.audit.CheckpointSignatures;
import org.migrationportal.audit.SealedAuditEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an evidence bundle offline, without a database or the running portal:
 * {@code java -jar migration-compliance-portal.jar verify-bundle bundle.zip [--public-key key.pem]}.
 * Problems are reported most specific first: entries (by id and line), then files whose SHA-256 differs
 * from the manifest, then the manifest itself (signature, counts, hashes).
 */
public final class BundleVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PROBLEMS = 50;

    private BundleVerifier() {}

    public record Result(boolean valid, List<String> problems, String summary) {
        public String firstProblem() {
            return problems.isEmpty() ? null : problems.get(0);
        }
    }

    /** The command-line entry point; returns the process exit code (0 valid, 1 problems, 2 usage or unreadable file). */
    public static int run(String[] args, PrintStream out) {
        if (args.length < 2
                || args.length == 3
                || (args.length == 4 && !"--public-key".equals(args[2]))
                || args.length > 4) {
            out.println(
                    "usage: java -jar migration-compliance-portal.jar verify-bundle <bundle.zip> [--public-key <key.pem>]");
            return 2;
        }
        Path bundle = Path.of(args[1]);
        try {
            PublicKey pinned =
                    args.length == 4 ? CheckpointSignatures.publicKey(Files.readString(Path.of(args[3]))) : null;
            Result result = verify(bundle, pinned);
            out.println(result.summary());
            if (result.valid()) {
                out.println("OK: the bundle verifies.");
                return 0;
            }
            out.println(
                    "FAILED: " + result.problems().size() + (result.problems().size() >= MAX_PROBLEMS ? "+" : "")
                            + " problem(s). First: " + result.firstProblem());
            result.problems().forEach(p -> out.println("  - " + p));
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("cannot read " + bundle + ": " + e.getMessage());
            return 2;
        }
    }

    public static Result verify(Path bundle, PublicKey pinnedKey) throws IOException {
        List<String> entryProblems = new ArrayList<>();
        List<String> fileProblems = new ArrayList<>();
        List<String> manifestProblems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            byte[] manifestBytes = read(zip, EvidenceBundles.MANIFEST);
            if (manifestBytes == null) {
                return new Result(
                        false, List.of("manifest.json is missing: this is not an evidence bundle"), "bundle " + bundle);
            }
            JsonNode manifest = JSON.readTree(manifestBytes);
            byte[] keyBytes = read(zip, EvidenceBundles.PUBLIC_KEY);
            PublicKey key = keyBytes == null
                    ? null
                    : CheckpointSignatures.publicKey(new String(keyBytes, StandardCharsets.US_ASCII));
            if (key == null) {
                manifestProblems.add("public-key.pem is missing");
            }
            if (pinnedKey != null && key != null && !pinnedKey.equals(key)) {
                manifestProblems.add("public-key.pem is not the key given with --public-key (bundle key id "
                        + CheckpointSignatures.keyId(key) + ", expected " + CheckpointSignatures.keyId(pinnedKey)
                        + ")");
            }
            PublicKey trusted = pinnedKey != null ? pinnedKey : key;
            byte[] signature = read(zip, EvidenceBundles.SIGNATURE);
            if (trusted != null
                    && (signature == null
                            || !CheckpointSignatures.verify(
                                    trusted,
                                    AuditChain.manifestPayload(manifestBytes),
                                    new String(signature, StandardCharsets.US_ASCII)))) {
                manifestProblems.add("manifest.json: its signature does not verify with the portal key (key id "
                        + CheckpointSignatures.keyId(trusted)
                        + "): the manifest was altered or not made by the portal");
            }

            // Every file listed must be there with the recorded SHA-256; nothing else may be.
            Set<String> listed = new HashSet<>(Set.of(EvidenceBundles.MANIFEST, EvidenceBundles.SIGNATURE));
            for (JsonNode file : manifest.path("files")) {
                String name = file.path("name").asString();
                listed.add(name);
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) {
                    fileProblems.add(name + ": listed in the manifest but missing from the bundle");
                    continue;
                }
                String actual = sha256(zip, entry);
                if (!actual.equals(file.path("sha256").asString())) {
                    fileProblems.add(name + ": SHA-256 " + actual + " differs from the manifest's "
                            + file.path("sha256").asString() + ": the file was changed");
                }
            }
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                String name = all.nextElement().getName();
                if (!listed.contains(name)) {
                    fileProblems.add(name + ": not listed in the manifest");
                }
            }

            String summary = verifyEntries(zip, manifest, trusted, entryProblems, manifestProblems);
            List<String> problems = new ArrayList<>(entryProblems);
            problems.addAll(fileProblems);
            problems.addAll(manifestProblems);
            return new Result(
                    problems.isEmpty(),
                    problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems,
                    summary);
        }
    }

    private static String verifyEntries(
            ZipFile zip, JsonNode manifest, PublicKey key, List<String> entryProblems, List<String> manifestProblems)
            throws IOException {
        JsonNode audit = manifest.path("audit");
        boolean contiguous = manifest.path("contiguous").asBoolean(false);
        ZipEntry entriesFile = zip.getEntry(EvidenceBundles.ENTRIES);
        if (entriesFile == null) {
            return "no " + EvidenceBundles.ENTRIES + " in the bundle";
        }
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        byte[] checkpointBytes = read(zip, EvidenceBundles.CHECKPOINTS);
        if (checkpointBytes != null) {
            for (JsonNode c : JSON.readTree(checkpointBytes)) {
                checkpoints.add(new AuditCheckpoint(
                        c.path("sequence").asLong(),
                        c.path("lastEntryId").asLong(),
                        c.path("entryHash").asString(),
                        c.path("entryCount").asLong(),
                        Instant.parse(c.path("sealedAt").asString()),
                        c.path("keyId").asString(),
                        c.path("signature").asString()));
            }
        }
        String chainHashBefore = text(audit, "chainHashBefore");
        ChainVerification chain = contiguous ? new ChainVerification(chainHashBefore, checkpoints, key) : null;
        MessageDigest digest = AuditCanonicalForm.sha256();
        Map<Long, Integer> reported = new HashMap<>();
        long count = 0;
        long sealed = 0;
        long previousId = Long.MIN_VALUE;
        Long firstId = null;
        Long lastId = null;
        String firstHash = null;
        String lastHash = null;
        String lastSealedHash = null;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(zip.getInputStream(entriesFile), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                SealedAuditEntry row;
                try {
                    row = AuditEntryFormats.readJsonLine(line);
                } catch (RuntimeException e) {
                    add(entryProblems, EvidenceBundles.ENTRIES + " line " + number + ": not a valid audit entry");
                    continue;
                }
                long id = row.entry().id();
                if (id <= previousId) {
                    add(
                            entryProblems,
                            EvidenceBundles.ENTRIES + " line " + number + ": entry " + id + " comes after entry "
                                    + previousId + ": entries were reordered");
                }
                previousId = Math.max(previousId, id);
                if (firstId == null) {
                    firstId = id;
                    firstHash = row.link() == null ? null : row.link().entryHash();
                }
                lastId = id;
                lastHash = row.link() == null ? null : row.link().entryHash();
                count++;
                if (row.link() != null) {
                    sealed++;
                    lastSealedHash = row.link().entryHash();
                    if (!contiguous
                            && !AuditCanonicalForm.chainHash(
                                            digest, row.entry(), row.link().prevHash())
                                    .equals(row.link().entryHash())) {
                        add(
                                entryProblems,
                                EvidenceBundles.ENTRIES + " line " + number + ": entry " + id
                                        + " does not match its chain hash: its content was changed");
                    }
                }
                if (chain != null) {
                    reported.putIfAbsent(id, number);
                    if (reported.size() > 1_000_000) {
                        reported.clear(); // line numbers are a convenience; never let them exhaust the heap
                    }
                    chain.accept(row.entry(), row.link());
                }
            }
        }
        if (chain != null) {
            ChainVerificationResult result = chain.finish();
            if (!result.valid()) {
                // ChainVerification reports its first problems; name their lines where known.
                for (ChainProblem problem : List.of(result.firstProblem())) {
                    Integer line = problem.entryId() == null ? null : reported.get(problem.entryId());
                    add(
                            entryProblems,
                            EvidenceBundles.ENTRIES + (line == null ? "" : " line " + line) + ": " + problem.message()
                                    + (result.problemCount() > 1
                                            ? " (" + (result.problemCount() - 1) + " more chain problem(s))"
                                            : ""));
                }
            }
        }
        JsonNode counts = manifest.path("counts");
        if (counts.path("auditEntries").asLong(-1) != count) {
            add(
                    manifestProblems,
                    "manifest counts " + counts.path("auditEntries").asLong(-1) + " audit entries, the bundle holds "
                            + count + ": entries were removed or added");
        }
        compare(
                manifestProblems,
                "first entry id",
                audit.path("firstEntryId").isNull()
                        ? null
                        : audit.path("firstEntryId").asLong(),
                firstId);
        compare(
                manifestProblems,
                "last entry id",
                audit.path("lastEntryId").isNull()
                        ? null
                        : audit.path("lastEntryId").asLong(),
                lastId);
        compare(manifestProblems, "first entry hash", text(audit, "firstEntryHash"), firstHash);
        compare(manifestProblems, "last entry hash", text(audit, "lastEntryHash"), lastHash);
        if (contiguous && text(audit, "chainHashAtPeriodEnd") != null && lastSealedHash != null) {
            compare(manifestProblems, "chain hash at period end", text(audit, "chainHashAtPeriodEnd"), lastSealedHash);
        }
        return "bundle: " + count + " audit entries" + (firstId == null ? "" : " (ids " + firstId + ".." + lastId + ")")
                + ", " + sealed
                + " sealed, " + checkpoints.size() + " checkpoint(s), "
                + (contiguous ? "contiguous chain" : "filtered entries")
                + ", period " + manifest.path("period").path("from").asString() + " to "
                + manifest.path("period").path("to").asString()
                + ", key id " + text(audit, "keyId")
                + (lastSealedHash == null ? "" : ", chain hash at period end " + lastSealedHash);
    }

    private static void compare(List<String> problems, String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            add(problems, "manifest " + what + " is " + expected + ", the bundle's entries give " + actual);
        }
    }

    private static void add(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static String sha256(ZipFile zip, ZipEntry entry) throws IOException {
        MessageDigest digest = AuditCanonicalForm.sha256();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
