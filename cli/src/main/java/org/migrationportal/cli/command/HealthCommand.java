package org.migrationportal.cli.command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.PortalCli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code health}: exit 0 when the portal's liveness endpoint answers UP, 4 otherwise. Needs no token; the
 * container image's health check runs it (the JRE base image promises neither curl nor wget).
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Exit 0 when the portal is up (GET /actuator/health/liveness), 4 when not.")
public final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    PortalCli cli;

    @Option(names = "--portal", description = "Portal base URL (default: env PORTAL_URL).")
    String portal;

    @Option(names = "--timeout", description = "Seconds to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 3;

    @Override
    public Integer call() throws InterruptedException {
        String base = portal != null ? portal : cli.env().get("PORTAL_URL");
        if (base == null || base.isBlank()) {
            cli.err().println("error: no portal URL: pass --portal or set PORTAL_URL");
            return ExitCodes.USAGE;
        }
        URI uri = URI.create(base.replaceAll("/+$", "") + "/actuator/health/liveness");
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .build()
                    .send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(timeout)
                                    .header("Accept", "application/json")
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            boolean up = response.statusCode() == 200
                    && Json.MAPPER
                            .readTree(response.body())
                            .path("status")
                            .asText()
                            .equals("UP");
            cli.out().println(up ? "UP" : "DOWN (" + response.statusCode() + ")");
            return up ? ExitCodes.OK : ExitCodes.UNREACHABLE;
        } catch (java.io.IOException e) {
            cli.out().println("DOWN (" + e + ")");
            return ExitCodes.UNREACHABLE;
        }
    }
}
