package org.migrationportal.audit;

/** An entry with its chain link as streamed for exports ({@code link} is null while the entry is unsealed). */
public record SealedAuditEntry(AuditEntryView entry, ChainLink link) {}
