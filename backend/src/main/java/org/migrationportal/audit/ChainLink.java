package org.migrationportal.audit;

/** The sealed link of one entry: its predecessor's hash and its own chain hash (lowercase hex). */
public record ChainLink(long entryId, String prevHash, String entryHash) {}
