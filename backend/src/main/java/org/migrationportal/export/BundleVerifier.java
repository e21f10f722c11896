package org.migrationportal.export;

import java.io.BufferedReader;
import java.io.FilterInputStream;
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
 * {@code java -jar migration-compliance-portal.jar verify-bundle bundle.zip [--public-key key.pem] [--checkpoint checkpoints.json]}.
 * Problems are reported most specific first: entries (by id and line), then files whose SHA-256 differs
 * from the manifest, then the manifest itself (signature, counts, hashes).
 *
 * <p>A bundle carries its own public key, so a bundle that checks out against that key only proves it is
 * consistent: whoever rewrote it could have put their own key in. Only a trust anchor from outside the
 * bundle, the portal's public key ({@code --public-key}) or checkpoints kept elsewhere ({@code --checkpoint}),
 * makes it a verification; without one the command says so and exits {@value #EXIT_UNANCHORED}.
 */
public final class BundleVerifier {

    public static final int EXIT_VERIFIED = 0;
    public static final int EXIT_PROBLEMS = 1;
    public static final int EXIT_REFUSED = 2;
    public static final int EXIT_UNANCHORED = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PROBLEMS = 50;
    private static final String USAGE = "usage: java -jar migration-compliance-portal.jar verify-bundle <bundle.zip>"
            + " [--public-key <key.pem>] [--checkpoint <checkpoints.json>]"
            + " [--max-entry-bytes <n>] [--max-total-bytes <n>]";

    private BundleVerifier() {}

    /** What the bundle was checked against, weakest first. */
    public enum Anchor {
        /** Only the public key inside the bundle: consistent, but not proven to come from the portal. */
        BUNDLE_KEY_ONLY,
        /** Checkpoints kept outside the bundle match its chain. */
        CHECKPOINT,
        /** The portal's public key, given from outside the bundle. */
        PINNED_KEY
    }

    /**
     * Caps that keep a hostile bundle from exhausting memory or disk time: the bytes any one file may
     * expand to, the bytes of all files together, and how many files a bundle may have.
     */
    public record Limits(long maxEntryBytes, long maxTotalBytes, int maxEntries) {
        public static final Limits DEFAULT = new Limits(2L << 30, 8L << 30, 64);
    }

    /** Trust anchors from outside the bundle; both may be absent. */
    public record Anchors(PublicKey publicKey, List<AuditCheckpoint> checkpoints) {
        public static final Anchors NONE = new Anchors(null, List.of());

        public Anchors {
            checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        }
    }

    public record Result(boolean valid, List<String> problems, String summary, Anchor anchor, List<String> notes) {
        public Result(boolean valid, List<String> problems, String summary) {
            this(valid, problems, summary, Anchor.BUNDLE_KEY_ONLY, List.of());
        }

        public String firstProblem() {
            return problems.isEmpty() ? null : problems.get(0);
        }
    }

    /** A bundle the verifier will not read: too large, too many files, or two files of one name. */
    public static final class BundleRefusedException extends IOException {
        BundleRefusedException(String message) {
            super(message);
        }
    }

    /**
     * The command-line entry point; returns the process exit code: 0 verified against a key or checkpoint from
     * outside the bundle, 1 problems, 2 usage, unreadable or refused file, 3 consistent but checked only
     * against the key inside the bundle.
     */
    public static int run(String[] args, PrintStream out) {
        Path bundle = null;
        Path keyFile = null;
        Path checkpointFile = null;
        Limits limits = Limits.DEFAULT;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--public-key" -> keyFile = Path.of(value(args, ++i));
                    case "--checkpoint" -> checkpointFile = Path.of(value(args, ++i));
                    case "--max-entry-bytes" ->
                        limits = new Limits(
                                Long.parseLong(value(args, ++i)), limits.maxTotalBytes(), limits.maxEntries());
                    case "--max-total-bytes" ->
                        limits = new Limits(
                                limits.maxEntryBytes(), Long.parseLong(value(args, ++i)), limits.maxEntries());
                    default -> {
                        if (arg.startsWith("--") || bundle != null) {
                            throw new IllegalArgumentException(arg);
                        }
                        bundle = Path.of(arg);
                    }
                }
            }
            if (bundle == null) {
                throw new IllegalArgumentException("no bundle");
            }
        } catch (IllegalArgumentException e) {
            out.println(USAGE);
            return EXIT_REFUSED;
        }
        try {
            PublicKey pinned = keyFile == null ? null : CheckpointSignatures.publicKey(Files.readString(keyFile));
            List<AuditCheckpoint> checkpoints =
                    checkpointFile == null ? List.of() : readCheckpoints(Files.readAllBytes(checkpointFile));
            if (checkpointFile != null && checkpoints.isEmpty()) {
                out.println("cannot use " + checkpointFile + ": it holds no checkpoint");
                return EXIT_REFUSED;
            }
            Result result = verify(bundle, new Anchors(pinned, checkpoints), limits);
            out.println(result.summary());
            result.notes().forEach(note -> out.println("note: " + note));
            if (!result.valid()) {
                out.println("FAILED: " + result.problems().size()
                        + (result.problems().size() >= MAX_PROBLEMS ? "+" : "") + " problem(s). First: "
                        + result.firstProblem());
                result.problems().forEach(p -> out.println("  - " + p));
                return EXIT_PROBLEMS;
            }
            if (result.anchor() == Anchor.BUNDLE_KEY_ONLY) {
                out.println("NOT VERIFIED: the bundle is consistent, but its signature was only checked against the"
                        + " public key inside the bundle, which whoever rewrote the bundle could have replaced."
                        + " Verify against the portal's key (--public-key, from GET /api/v1/audit/public-key) or"
                        + " against checkpoints kept outside the portal (--checkpoint).");
                return EXIT_UNANCHORED;
            }
            out.println("OK: the bundle verifies against "
                    + (result.anchor() == Anchor.PINNED_KEY
                            ? "the public key given with --public-key."
                            : "the checkpoints given with --checkpoint."));
            return EXIT_VERIFIED;
        } catch (BundleRefusedException e) {
            out.println("refused " + bundle + ": " + e.getMessage());
            return EXIT_REFUSED;
        } catch (IOException | RuntimeException e) {
            out.println("cannot read " + bundle + ": " + e.getMessage());
            return EXIT_REFUSED;
        }
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException("missing value");
        }
        return args[index];
    }

    /** Checkpoints as the portal hands them out: one object, an array, or a page with {@code items}. */
    static List<AuditCheckpoint> readCheckpoints(byte[] json) {
        JsonNode root = JSON.readTree(json);
        JsonNode items = root.isArray()
                ? root
                : root.has("items") ? root.get("items") : JSON.createArrayNode().add(root);
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        for (JsonNode c : items) {
            checkpoints.add(checkpoint(c));
        }
        return checkpoints;
    }

    private static AuditCheckpoint checkpoint(JsonNode c) {
        return new AuditCheckpoint(
                c.path("sequence").asLong(),
                c.path("lastEntryId").asLong(),
                c.path("entryHash").asString(),
                c.path("entryCount").asLong(),
                Instant.parse(c.path("sealedAt").asString()),
                c.path("keyId").asString(),
                c.path("signature").asString());
    }

    /** Checks the bundle against the key inside it, or against the given key (as the portal's own export check does). */
    public static Result verify(Path bundle, PublicKey pinnedKey) throws IOException {
        return verify(bundle, new Anchors(pinnedKey, List.of()), Limits.DEFAULT);
    }

    public static Result verify(Path bundle, Anchors anchors, Limits limits) throws IOException {
        PublicKey pinnedKey = anchors.publicKey();
        List<String> entryProblems = new ArrayList<>();
        List<String> fileProblems = new ArrayList<>();
        List<String> manifestProblems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (Files.size(bundle) > limits.maxTotalBytes()) {
            throw new BundleRefusedException("the file has " + Files.size(bundle) + " bytes, more than the cap of "
                    + limits.maxTotalBytes() + " (--max-total-bytes)");
        }
        try (ZipFile zip = new ZipFile(bundle.toFile(), StandardCharsets.UTF_8)) {
            checkShape(zip, limits);
            Budget budget = new Budget(limits);
            byte[] manifestBytes = read(zip, EvidenceBundles.MANIFEST, budget);
            if (manifestBytes == null) {
                return new Result(
                        false, List.of("manifest.json is missing: this is not an evidence bundle"), "bundle " + bundle);
            }
            JsonNode manifest = JSON.readTree(manifestBytes);
            byte[] keyBytes = read(zip, EvidenceBundles.PUBLIC_KEY, budget);
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
            byte[] signature = read(zip, EvidenceBundles.SIGNATURE, budget);
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
                String actual = sha256(zip, entry, budget);
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

            Map<Long, String> hashes = new HashMap<>();
            for (AuditCheckpoint external : anchors.checkpoints()) {
                hashes.put(external.lastEntryId(), null);
            }
            String summary = verifyEntries(zip, manifest, trusted, entryProblems, manifestProblems, budget, hashes);
            Anchor anchor = pinnedKey != null ? Anchor.PINNED_KEY : Anchor.BUNDLE_KEY_ONLY;
            if (!anchors.checkpoints().isEmpty()) {
                Long anchoredUpTo = checkAgainstCheckpoints(anchors.checkpoints(), hashes, trusted, manifestProblems);
                if (anchoredUpTo == null) {
                    notes.add("none of the " + anchors.checkpoints().size()
                            + " checkpoint(s) given with --checkpoint ends at an entry of this bundle");
                } else {
                    if (anchor == Anchor.BUNDLE_KEY_ONLY) {
                        anchor = Anchor.CHECKPOINT;
                    }
                    JsonNode lastId = manifest.path("audit").path("lastEntryId");
                    if (!lastId.isNull() && lastId.asLong() > anchoredUpTo) {
                        notes.add("the checkpoints given cover entries up to " + anchoredUpTo
                                + "; later entries up to " + lastId.asLong()
                                + " are covered by the bundle's signature (pin the key with --public-key for those)");
                    }
                }
            }
            List<String> problems = new ArrayList<>(entryProblems);
            problems.addAll(fileProblems);
            problems.addAll(manifestProblems);
            return new Result(
                    problems.isEmpty(),
                    problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems,
                    summary,
                    anchor,
                    notes);
        }
    }

    /** Refuses bundles with too many files, a file that says it is too large, or two files of the same name. */
    /** Bytes read so far while checking one bundle, against the total cap (declared sizes may lie). */
    private static final class Budget {
        private final Limits limits;
        private long read;

        Budget(Limits limits) {
            this.limits = limits;
        }

        Limits limits() {
            return limits;
        }

        void read(int n) throws BundleRefusedException {
            read += n;
            if (read > limits.maxTotalBytes()) {
                throw new BundleRefusedException(
                        "checking it would read more than " + limits.maxTotalBytes() + " bytes (--max-total-bytes)");
            }
        }
    }

    private static void checkShape(ZipFile zip, Limits limits) throws BundleRefusedException {
        Set<String> names = new HashSet<>();
        long declared = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            if (!names.add(entry.getName())) {
                throw new BundleRefusedException("it holds two files named " + entry.getName()
                        + ": a verifier and a reader could be shown different ones");
            }
            if (names.size() > limits.maxEntries()) {
                throw new BundleRefusedException("it holds more than " + limits.maxEntries() + " files");
            }
            if (entry.getSize() > limits.maxEntryBytes()) {
                throw new BundleRefusedException(entry.getName() + " expands to " + entry.getSize()
                        + " bytes, more than the cap of " + limits.maxEntryBytes() + " (--max-entry-bytes)");
            }
            declared += Math.max(0, entry.getSize());
            if (declared > limits.maxTotalBytes()) {
                throw new BundleRefusedException(
                        "its files expand to more than " + limits.maxTotalBytes() + " bytes (--max-total-bytes)");
            }
        }
    }

    /**
     * Each given checkpoint that ends at an entry of the bundle must carry that entry's chain hash (and
     * verify with the trusted key): a rewritten entry before it would have changed the hash. Returns the
     * highest entry id so anchored, or null if no checkpoint ends inside the bundle.
     */
    private static Long checkAgainstCheckpoints(
            List<AuditCheckpoint> checkpoints, Map<Long, String> hashes, PublicKey key, List<String> problems) {
        Long anchoredUpTo = null;
        for (AuditCheckpoint checkpoint : checkpoints) {
            String bundled = hashes.get(checkpoint.lastEntryId());
            if (bundled == null) {
                continue;
            }
            if (!bundled.equals(checkpoint.entryHash())) {
                add(
                        problems,
                        "checkpoint " + checkpoint.sequence() + " given with --checkpoint says entry "
                                + checkpoint.lastEntryId() + " has chain hash " + checkpoint.entryHash()
                                + ", the bundle gives " + bundled + ": the bundle's chain was rewritten");
                continue;
            }
            if (key != null && !CheckpointSignatures.verify(key, checkpoint)) {
                add(
                        problems,
                        "checkpoint " + checkpoint.sequence() + " given with --checkpoint does not verify with the key"
                                + " (key id " + CheckpointSignatures.keyId(key) + "): the bundle's key is not the"
                                + " portal's");
                continue;
            }
            anchoredUpTo =
                    anchoredUpTo == null ? checkpoint.lastEntryId() : Math.max(anchoredUpTo, checkpoint.lastEntryId());
        }
        return anchoredUpTo;
    }

    private static String verifyEntries(
            ZipFile zip,
            JsonNode manifest,
            PublicKey key,
            List<String> entryProblems,
            List<String> manifestProblems,
            Budget budget,
            Map<Long, String> anchorHashes)
            throws IOException {
        JsonNode audit = manifest.path("audit");
        boolean contiguous = manifest.path("contiguous").asBoolean(false);
        ZipEntry entriesFile = zip.getEntry(EvidenceBundles.ENTRIES);
        if (entriesFile == null) {
            return "no " + EvidenceBundles.ENTRIES + " in the bundle";
        }
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        byte[] checkpointBytes = read(zip, EvidenceBundles.CHECKPOINTS, budget);
        if (checkpointBytes != null) {
            for (JsonNode c : JSON.readTree(checkpointBytes)) {
                checkpoints.add(checkpoint(c));
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
                new BufferedReader(new InputStreamReader(capped(zip, entriesFile, budget), StandardCharsets.UTF_8))) {
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
                    if (anchorHashes.containsKey(id)) {
                        anchorHashes.put(id, row.link().entryHash());
                    }
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

    private static byte[] read(ZipFile zip, String name, Budget budget) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = capped(zip, entry, budget)) {
            return in.readAllBytes();
        }
    }

    /** The entry's content, cut with a refusal past the per-file cap whatever size the entry claims. */
    private static InputStream capped(ZipFile zip, ZipEntry entry, Budget budget) throws IOException {
        long cap = budget.limits().maxEntryBytes();
        return new FilterInputStream(zip.getInputStream(entry)) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            private void counted(int n) throws BundleRefusedException {
                count += n;
                if (count > cap) {
                    throw new BundleRefusedException(
                            entry.getName() + " expands to more than the cap of " + cap + " bytes (--max-entry-bytes)");
                }
                budget.read(n);
            }
        };
    }

    private static String sha256(ZipFile zip, ZipEntry entry, Budget budget) throws IOException {
        MessageDigest digest = AuditCanonicalForm.sha256();
        try (InputStream in = capped(zip, entry, budget)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
