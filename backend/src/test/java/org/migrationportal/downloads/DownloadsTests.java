package org.migrationportal.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationportal.support.PortalIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A pipeline on a fresh portal installs the CLI without signing in: the jar is the CLI of this build
 * (its version is the portal's), the checksum file passes {@code sha256sum -c}, and the page shows the
 * one-line installs with this portal's address.
 */
@PortalIntegrationTest
class DownloadsTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @TempDir
    Path dir;

    @Test
    void anonymousDownloadIsTheCliOfThisBuildAndPassesItsChecksum() throws Exception {
        HttpResponse<byte[]> jar = get("/downloads/portal-cli.jar", HttpResponse.BodyHandlers.ofByteArray());
        assertThat(jar.statusCode()).isEqualTo(200);
        assertThat(jar.headers().firstValue("Content-Type")).hasValue("application/java-archive");
        assertThat(jar.body()).startsWith(0x50, 0x4b, 0x03, 0x04); // a zip, not the sign-in page
        HttpResponse<String> checksum = get("/downloads/portal-cli.jar.sha256", HttpResponse.BodyHandlers.ofString());
        assertThat(checksum.statusCode()).isEqualTo(200);
        assertThat(checksum.body())
                .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(jar.body()))
                        + "  portal-cli.jar\n");

        Files.write(dir.resolve("portal-cli.jar"), jar.body());
        Files.writeString(dir.resolve("portal-cli.jar.sha256"), checksum.body());
        assertThat(run("sha256sum", "-c", "portal-cli.jar.sha256")).contains("portal-cli.jar: OK");
        assertThat(run(java(), "-jar", "portal-cli.jar", "--version"))
                .isEqualTo("portal-cli " + build.getVersion() + "\n");
    }

    @Test
    void pageShowsTheOneLineInstallsForThisPortal() throws Exception {
        HttpResponse<String> page = get("/downloads", HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String portal = "http://localhost:" + port;
        assertThat(page.body())
                .contains("portal-url: " + portal)
                .contains("file: /ci/gitlab/templates/portal.yml")
                .contains("curl -fsS -O " + portal + "/downloads/portal-cli.jar -O " + portal
                        + "/downloads/portal-cli.jar.sha256 &amp;&amp; sha256sum -c portal-cli.jar.sha256");
    }

    /** The shell line of the page, run as a user would paste it. */
    @Test
    void theShellInstallLineWorks() throws Exception {
        String line = InstallSnippets.forPortal("http://localhost:" + port).shell();
        assertThat(run("bash", "-c", line)).contains("portal-cli.jar: OK").contains("portal-cli " + build.getVersion());
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                body);
    }

    private String run(String... command) throws Exception {
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
