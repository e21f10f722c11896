package org.migrationportal.audit;

import java.util.List;

/** One page of entries, newest first. */
public record AuditEntryPage(List<AuditEntryView> items, int page, int size, boolean hasNext) {

    public boolean hasPrevious() {
        return page > 0;
    }
}
