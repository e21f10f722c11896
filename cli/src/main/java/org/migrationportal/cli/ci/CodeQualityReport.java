package org.migrationportal.cli.ci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * GitLab Code Quality (a subset of the Code Climate spec, {@code artifacts:reports:codequality}): an array of
 * issues, each with a description, check name, unique fingerprint, severity and location (path and begin line).
 */
public final class CodeQualityReport {

    private CodeQualityReport() {}

    public static ArrayNode of(List<CiFinding> findings, ObjectMapper json) {
        ArrayNode issues = json.createArrayNode();
        Set<String> fingerprints = new HashSet<>();
        for (CiFinding f : findings) {
            ObjectNode issue = issues.addObject();
            issue.put("description", f.message());
            issue.put("check_name", f.ruleId());
            // GitLab merges issues with equal fingerprints: equal findings on one line get a counter.
            String base = f.ruleId() + "|" + f.file() + "|" + f.line() + "|" + f.message();
            String fingerprint = md5(base);
            for (int n = 2; !fingerprints.add(fingerprint); n++) {
                fingerprint = md5(base + "|" + n);
            }
            issue.put("fingerprint", fingerprint);
            issue.put(
                    "severity",
                    switch (f.level()) {
                        case ERROR -> "major";
                        case WARNING -> "minor";
                        case NOTE -> "info";
                    });
            ObjectNode location = issue.putObject("location");
            location.put("path", f.file() == null ? "." : f.file());
            location.putObject("lines").put("begin", Math.max(1, f.line()));
        }
        return issues;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
