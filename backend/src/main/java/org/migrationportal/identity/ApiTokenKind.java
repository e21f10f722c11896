package org.migrationportal.identity;

/** PROJECT tokens belong to a project and carry scopes; PERSONAL tokens act as their user; BOOTSTRAP is the operator's seed admin token. */
public enum ApiTokenKind {
    PROJECT,
    PERSONAL,
    BOOTSTRAP
}
