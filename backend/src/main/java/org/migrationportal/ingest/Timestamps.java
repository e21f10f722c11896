package org.migrationportal.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Parses the API's ISO-8601 times; microsecond precision is what PostgreSQL and H2 keep. */
final class Timestamps {

    private Timestamps() {}

    /** The instant, or null when the text is not an ISO-8601 date-time with offset. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
