package org.migrationportal.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Parses the API's ISO-8601 times; microsecond precision is what PostgreSQL and H2 keep. */
final class Timestamps {

    private Timestamps() {}

    /** The instant, or null when the text is not an ISO-8601 date-time with offset ({@link OffsetDateTime#parse}). */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Instant common = parseCommonForm(text);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The form pipelines send, {@code 2026-11-21T14:00:05Z} with optional fraction and {@code ±hh:mm} offset,
     * read without the general parser (every ingest request has two or more times, each checked twice: the
     * general parser cost ~3 % of a request's CPU). Anything else, valid or not, returns null and is left to
     * {@link OffsetDateTime#parse}, so what is accepted, and how, is exactly what it decides.
     */
    static Instant parseCommonForm(String t) {
        int length = t.length();
        if (length < 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (t.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && t.charAt(at) >= '0' && t.charAt(at) <= '9') {
                nano = nano * 10 + (t.charAt(at) - '0');
                at++;
            }
            if (at == start) {
                return null;
            }
            for (int i = at - start; i < 9; i++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && t.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6 && (t.charAt(at) == '+' || t.charAt(at) == '-') && t.charAt(at + 3) == ':') {
            int hours = digits(t, at + 1, 2);
            int minutes = digits(t, at + 4, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = t.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nano);
            return Instant.ofEpochSecond(local.toEpochSecond(offset), nano).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
