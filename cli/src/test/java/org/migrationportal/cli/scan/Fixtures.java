package org.migrationportal.cli.scan;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.migrationportal.cli.manifest.Migration;
import org.migrationportal.cli.manifest.Operation;

public final class Fixtures {

    private Fixtures() {}

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Migration migration(List<Migration> migrations, String revision) {
        return migrations.stream()
                .filter(m -> m.revision().equals(revision))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no revision " + revision));
    }

    /** "type table.column" per operation, for compact exact assertions. */
    public static List<String> ops(Migration m) {
        return m.operations().stream().map(Fixtures::op).toList();
    }

    static String op(Operation o) {
        return o.type().wireName() + " " + (o.table() == null ? "-" : o.table())
                + (o.column() == null ? "" : "." + o.column()) + (o.concurrently() ? " concurrently" : "");
    }
}
