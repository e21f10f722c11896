package org.migrationportal.ingest;

import java.util.List;

/** One page of a list, with the total number of matching items. */
public record EvidencePage<T>(List<T> items, int page, int size, long total) {

    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
