package org.migrationportal.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.migrationportal.cli.ExitCodes;
import org.migrationportal.cli.PortalCli;
import org.migrationportal.cli.portal.PortalClient;
import org.migrationportal.cli.portal.PortalException;
import org.migrationportal.cli.portal.PortalResponse;
import org.migrationportal.cli.portal.PortalUnreachableException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * What every command that posts to the portal shares: {@code --portal} (or PORTAL_URL), the token from
 * PORTAL_TOKEN only (a flag would end up in shell history and CI logs), {@code --dry-run}, and the
 * mapping of portal answers to exit codes.
 */
abstract class PortalCommand implements Callable<Integer> {

    @ParentCommand
    PortalCli cli;

    @Option(names = "--portal", description = "Portal base URL (default: env PORTAL_URL).")
    String portal;

    @Option(names = "--dry-run", description = "Print the request body instead of sending it.")
    boolean dryRun;

    /** Builds the body; may print to stderr and return null with {@link #usageError} set. */
    abstract ObjectNode body() throws Exception;

    abstract String path();

    /** Reacts to the portal's success answer; returns the exit code. */
    int onSuccess(PortalResponse response) throws java.io.IOException {
        cli.out()
                .println(
                        response.body() == null
                                ? "ok (" + response.status() + ")"
                                : response.body().toString());
        return ExitCodes.OK;
    }

    String usageError;

    /** The portal's base URL without a trailing slash, once {@link #call()} resolved it (for links). */
    String portalUrl;

    /** Sends the body and reacts to the answer; {@code gate --wait} asks more than once. */
    int exchange(PortalClient client, ObjectNode body)
            throws PortalException, PortalUnreachableException, InterruptedException, java.io.IOException {
        return onSuccess(client.post(path(), body));
    }

    /** {@code --project}, else {@code PORTAL_PROJECT}; a usage error when neither is set. */
    String project(String flag) {
        String value = flag != null && !flag.isBlank() ? flag : cli.env().get("PORTAL_PROJECT");
        require(value, "--project (or PORTAL_PROJECT)");
        return value;
    }

    @Override
    public Integer call() throws Exception {
        ObjectNode body = body();
        if (usageError != null) {
            cli.err().println("error: " + usageError);
            return ExitCodes.USAGE;
        }
        if (dryRun) {
            cli.out().println(Json.PRETTY.writeValueAsString(body));
            return ExitCodes.OK;
        }
        String base = portal != null ? portal : cli.env().get("PORTAL_URL");
        if (base == null || base.isBlank()) {
            cli.err().println("error: no portal URL: pass --portal or set PORTAL_URL");
            return ExitCodes.USAGE;
        }
        String token = cli.env().get("PORTAL_TOKEN");
        if (token == null || token.isBlank()) {
            cli.err().println("error: PORTAL_TOKEN is not set (the token is only read from the environment)");
            return ExitCodes.USAGE;
        }
        portalUrl = base.replaceAll("/+$", "");
        PortalClient client = new PortalClient(
                URI.create(base), token, cli.retryPolicy(), cli.err(), d -> Thread.sleep(d.toMillis()));
        try {
            return exchange(client, body);
        } catch (PortalException e) {
            cli.err().println(e.problem().describe());
            return ExitCodes.REJECTED;
        } catch (PortalUnreachableException e) {
            cli.err().println("error: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
    }

    void require(String value, String flag) {
        if ((value == null || value.isBlank()) && usageError == null) {
            usageError = "missing " + flag;
        }
    }

    CiEnvironment ci() {
        return CiEnvironment.from(cli.env());
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof JsonNode j) {
            node.set(field, j);
        }
    }
}
