package org.migrationportal.cli.scan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File listing and decoding shared by the readers. */
public final class SourceFiles {

    private SourceFiles() {}

    /** Regular files under {@code dir} (recursively) whose name matches, sorted by path. */
    public static List<Path> list(Path dir, Predicate<String> fileName) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName() != null
                            && fileName.test(p.getFileName().toString()))
                    .filter(p -> !p.toString().contains("__pycache__"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes UTF-8; bytes that are not UTF-8 become U+FFFD rather than aborting the scan. */
    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Path shown in messages and used for lint mapping: relative to the scan root, with forward slashes. */
    public static String display(Path root, Path file) {
        Path base = Files.isDirectory(root) ? root : root.getParent();
        Path rel;
        try {
            rel = base == null
                    ? file
                    : base.toAbsolutePath()
                            .normalize()
                            .relativize(file.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            rel = file;
        }
        return rel.toString().replace('\\', '/');
    }
}
