package org.migrationportal.identity;

import java.util.Arrays;
import java.util.Optional;

/** What a project token may do. Each scope is a Spring Security authority {@code SCOPE_<value>}. */
public enum TokenScope {
    CI_WRITE("ci:write"),
    DEPLOY_WRITE("deploy:write"),
    BACKUP_WRITE("backup:write"),
    GATE_READ("gate:read"),
    READ("read");

    private final String value;

    TokenScope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public String authority() {
        return "SCOPE_" + value;
    }

    public static Optional<TokenScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
