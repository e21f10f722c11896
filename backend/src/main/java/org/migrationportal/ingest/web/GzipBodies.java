package org.migrationportal.ingest.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Request bodies sent with {@code Content-Encoding: gzip} (the CLI compresses large manifests). The size limit
 * applies to the decompressed body, and decompression stops at the limit, so a small body that inflates to
 * gigabytes (a decompression bomb) costs at most the limit in memory and is refused with 413.
 */
final class GzipBodies {

    /** What became of a body: its bytes, or why it was refused. */
    sealed interface Outcome {
        record Decoded(byte[] body) implements Outcome {}

        record TooLarge() implements Outcome {}

        record Malformed(String why) implements Outcome {}

        record UnsupportedEncoding(String encoding) implements Outcome {}
    }

    private GzipBodies() {}

    /** Reads the body as {@code contentEncoding} says, keeping at most {@code limit} decoded bytes. */
    static Outcome read(InputStream raw, String contentEncoding, long limit) throws IOException {
        String encoding =
                contentEncoding == null ? "identity" : contentEncoding.strip().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "", "identity" -> {
                byte[] body = readAtMost(raw, limit);
                return body == null ? new Outcome.TooLarge() : new Outcome.Decoded(body);
            }
            case "gzip", "x-gzip" -> {
                try (GZIPInputStream gzip = new GZIPInputStream(raw, 8192)) {
                    byte[] body = readAtMost(gzip, limit);
                    return body == null ? new Outcome.TooLarge() : new Outcome.Decoded(body);
                } catch (ZipException | EOFException e) {
                    return new Outcome.Malformed("The body is not valid gzip: " + e.getMessage());
                }
            }
            default -> {
                return new Outcome.UnsupportedEncoding(encoding);
            }
        }
    }

    /** The whole stream, or null when it is longer than {@code limit}. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
