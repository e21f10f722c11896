package org.migrationportal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The build's version (the portal's, since the portal serves the CLI of its own build). */
public final class CliVersion implements IVersionProvider {

    public static String current() {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"portal-cli " + current()};
    }
}
