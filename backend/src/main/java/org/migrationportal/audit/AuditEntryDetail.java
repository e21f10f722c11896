package org.migrationportal.audit;

/** An entry with its place in the chain: its link (null while unsealed) and the checkpoint that sealed it. */
public record AuditEntryDetail(AuditEntryView entry, ChainLink link, Long checkpointSequence) {}
