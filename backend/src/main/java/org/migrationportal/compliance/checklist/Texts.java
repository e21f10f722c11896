package org.migrationportal.compliance.checklist;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting shared by the rules' one-line reasons. */
final class Texts {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private Texts() {}

    static String time(Instant instant) {
        return instant == null ? "an unknown time" : MINUTES.format(instant);
    }

    static String duration(Duration duration) {
        if (duration.toMinutes() % (24 * 60) == 0 && duration.toDays() >= 2) {
            return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
        }
        if (duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " h";
        }
        return duration.toMinutes() + " min";
    }

    static String commit(String sha) {
        return sha == null ? "?" : sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }

    /** "All 3 deployed migrations" or "The only deployed migration". */
    static String all(long count, String singular, String plural) {
        return count == 1 ? "The only " + singular : "All " + count + " " + plural;
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
