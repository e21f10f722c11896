package org.migrationportal.downloads;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The CLI jar that Maven packs into this application ({@code downloads/portal-cli.jar}, see backend/pom.xml):
 * the exact build of the same reactor, so its version is the portal's. Absent only when the application runs
 * from classes that Maven did not build (an IDE), and then the downloads answer 404.
 */
@Component
public class CliDistribution {

    static final String FILE_NAME = "portal-cli.jar";

    private final Resource jar;
    private volatile String sha256;

    CliDistribution() {
        this(new ClassPathResource("downloads/" + FILE_NAME));
    }

    CliDistribution(Resource jar) {
        this.jar = jar;
    }

    public boolean available() {
        return jar.exists();
    }

    Optional<Resource> jar() {
        return available() ? Optional.of(jar) : Optional.empty();
    }

    /** Hex SHA-256 of the jar, computed once (the jar never changes while the application runs). */
    public Optional<String> sha256() {
        if (!available()) {
            return Optional.empty();
        }
        String digest = sha256;
        if (digest == null) {
            digest = digest(jar);
            sha256 = digest;
        }
        return Optional.of(digest);
    }

    /** The line {@code sha256sum -c} checks: the digest, two spaces, the file name. */
    Optional<String> checksumLine() {
        return sha256().map(digest -> digest + "  " + FILE_NAME + "\n");
    }

    long size() {
        try {
            return jar.contentLength();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(Resource resource) {
        try (DigestInputStream in =
                new DigestInputStream(resource.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
