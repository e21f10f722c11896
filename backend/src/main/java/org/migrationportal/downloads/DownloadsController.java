package org.migrationportal.downloads;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code /downloads}: the CLI jar, its checksum and the install page, for anyone (pipelines download the CLI
 * before they have anything to sign in with; the jar holds no secret).
 */
@Controller
class DownloadsController {

    static final MediaType JAVA_ARCHIVE = MediaType.valueOf("application/java-archive");

    private final CliDistribution cli;
    private final String version;

    DownloadsController(CliDistribution cli, ObjectProvider<BuildProperties> build) {
        this.cli = cli;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
    }

    @GetMapping("/downloads")
    String page(Model model) {
        String portalUrl =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("version", version);
        model.addAttribute("available", cli.available());
        model.addAttribute("sha256", cli.sha256().orElse(null));
        model.addAttribute("install", InstallSnippets.forPortal(portalUrl));
        return "downloads/index";
    }

    @GetMapping("/downloads/portal-cli.jar")
    ResponseEntity<Resource> jar() {
        return cli.jar()
                .map(jar -> ResponseEntity.ok()
                        .contentType(JAVA_ARCHIVE)
                        .contentLength(cli.size())
                        .eTag("\"" + cli.sha256().orElseThrow() + "\"")
                        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(CliDistribution.FILE_NAME)
                                        .build()
                                        .toString())
                        .header("X-Portal-Version", version)
                        .body(jar))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/downloads/portal-cli.jar.sha256")
    ResponseEntity<String> checksum() {
        return cli.checksumLine()
                .map(line -> ResponseEntity.ok()
                        .contentType(MediaType.TEXT_PLAIN)
                        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                        .body(line))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
