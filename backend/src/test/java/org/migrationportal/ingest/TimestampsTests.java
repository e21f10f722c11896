package org.migrationportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The common-form reader gives exactly what {@link OffsetDateTime#parse} gives, or leaves the text to it. */
class TimestampsTests {

    static Instant reference(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void readsTheFormsPipelinesSend() {
        assertThat(Timestamps.parseCommonForm("2026-11-21T14:00:05Z")).isEqualTo(Instant.parse("2026-11-21T14:00:05Z"));
        assertThat(Timestamps.parseCommonForm("2026-11-21T14:00:05.123456789Z"))
                .isEqualTo(Instant.parse("2026-11-21T14:00:05.123456Z"));
        assertThat(Timestamps.parseCommonForm("2026-11-21T15:30:05.5+01:30"))
                .isEqualTo(Instant.parse("2026-11-21T14:00:05.5Z"));
        assertThat(Timestamps.parseCommonForm("2026-11-21T09:00:05-05:00"))
                .isEqualTo(Instant.parse("2026-11-21T14:00:05Z"));
    }

    @Test
    void leavesEverythingElseToTheGeneralParser() {
        for (String other : List.of(
                "2026-11-21T14:00Z",
                "2026-11-21t14:00:05z",
                "2026-11-21T14:00:05+01",
                "2026-11-21T14:00:05+01:00:30",
                "+12026-11-21T14:00:05Z",
                "2026-11-21T14:00:05.Z",
                "2026-11-21T14:00:05.1234567891Z",
                "2026-02-29T14:00:05Z",
                "2026-11-21T24:00:00Z",
                "2026-11-21T14:00:05+19:00",
                "2026-11-21T14:00:05+01:60",
                "2026-11-21 14:00:05Z",
                "2026-11-21T14:00:05",
                "2026-11-21T14:00:0５Z")) {
            assertThat(Timestamps.parseCommonForm(other)).as(other).isNull();
            assertThat(Timestamps.parse(other)).as(other).isEqualTo(reference(other));
        }
    }

    @Test
    void agreesWithTheGeneralParserOnManyGeneratedTexts() {
        Random random = new Random(20261124);
        String alphabet = "0123456789-:T.Z+z tx";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder(String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(26),
                    random.nextInt(62),
                    random.nextInt(62)));
            if (random.nextBoolean()) {
                text.append('.').append(String.valueOf(Math.abs(random.nextLong())), 0, random.nextInt(11));
            }
            switch (random.nextInt(4)) {
                case 0 -> text.append('Z');
                case 1 ->
                    text.append(random.nextBoolean() ? '+' : '-')
                            .append(String.format("%02d:%02d", random.nextInt(20), random.nextInt(62)));
                case 2 -> text.append(random.nextBoolean() ? "+01" : "");
                default ->
                    text.setCharAt(random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.toString();
            assertThat(Timestamps.parse(candidate)).as(candidate).isEqualTo(reference(candidate));
            Instant fast = Timestamps.parseCommonForm(candidate);
            if (fast != null) {
                assertThat(fast).as(candidate).isEqualTo(reference(candidate));
            }
        }
    }
}
