package org.migrationportal.cli.scan.flyway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Flyway's checksum of a SQL migration, what {@code flyway_schema_history.checksum} holds: a CRC32 over
 * the script's lines (UTF-8, line endings left out, so CRLF, CR and LF files agree; a leading byte-order
 * mark left out), as a signed 32-bit number. Flyway 12's {@code ChecksumCalculator}, without Flyway.
 */
final class FlywayChecksum {

    private static final char BOM = '\uFEFF';

    private FlywayChecksum() {}

    static int of(String script) {
        CRC32 crc32 = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
            String line = reader.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == BOM) {
                line = line.substring(1);
            }
            while (line != null) {
                crc32.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return (int) crc32.getValue();
    }
}
