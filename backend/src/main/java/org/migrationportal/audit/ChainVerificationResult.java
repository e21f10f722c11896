package org.migrationportal.audit;

/**
 * The outcome of verifying the chain. {@code reachesLatestCheckpoint} is null when no checkpoint was
 * given; {@code firstProblem} is null exactly when {@code valid}.
 */
public record ChainVerificationResult(
        boolean valid,
        long entryCount,
        long sealedCount,
        long unsealedCount,
        Long chainHeadEntryId,
        String chainHeadHash,
        int checkpointsChecked,
        Long latestCheckpointSequence,
        Long latestCheckpointEntryId,
        Boolean reachesLatestCheckpoint,
        ChainProblem firstProblem,
        int problemCount,
        long durationMillis) {}
