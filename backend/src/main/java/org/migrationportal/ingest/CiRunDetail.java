package org.migrationportal.ingest;

import java.time.Instant;
import java.util.List;

/** A CI run with its checks (and their findings), reviews and the manifest of migrations it validated. */
public record CiRunDetail(CiRunSummary run, List<Check> checks, List<Review> reviews, List<ManifestEntry> manifest) {

    public record Check(String name, String status, String details, List<Finding> findings) {}

    public record Finding(String rule, String severity, String revision, String message) {}

    public record Review(String reviewer, String state, Instant at) {}

    /** A manifest entry: the revision as this run saw it ({@code checksum}) and whether that is still the catalogue's. */
    public record ManifestEntry(
            long migrationId,
            String revision,
            String checksum,
            boolean currentChecksum,
            String description,
            String author,
            String downgrade,
            String phase,
            boolean destructive) {}
}
