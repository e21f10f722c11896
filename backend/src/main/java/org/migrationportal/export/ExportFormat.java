package org.migrationportal.export;

import java.util.Locale;
import java.util.Optional;

/** The line formats of streamed exports. */
public enum ExportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    JSONL("application/jsonl;charset=UTF-8", "jsonl");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public static Optional<ExportFormat> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "jsonl", "ndjson" -> Optional.of(JSONL);
            default -> Optional.empty();
        };
    }
}
