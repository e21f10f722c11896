package org.migrationportal.export;

import java.util.List;

/** A random sample of change records; the same seed and filter always give the same sample. */
public record ChangeRecordSample(long seed, int requested, long population, List<ChangeRecord> records) {}
