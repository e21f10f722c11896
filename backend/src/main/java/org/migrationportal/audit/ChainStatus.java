package org.migrationportal.audit;

/** How far the chain is sealed: the latest checkpoint (null before the first seal) and entries still waiting. */
public record ChainStatus(long entryCount, long unsealedCount, AuditCheckpoint latestCheckpoint) {}
