package org.migrationportal.audit;

/**
 * One thing verification found wrong. {@code entryId} names the entry where the chain stops matching
 * (null for a problem with a checkpoint alone); {@code kind} is one of {@code hash-mismatch},
 * {@code link-broken}, {@code entry-missing}, {@code entry-not-chained}, {@code checkpoint-signature},
 * {@code checkpoint-mismatch}, {@code checkpoint-count}, {@code checkpoint-missing-entry}, {@code truncated}.
 */
public record ChainProblem(Long entryId, Long checkpointSequence, String kind, String message) {}
