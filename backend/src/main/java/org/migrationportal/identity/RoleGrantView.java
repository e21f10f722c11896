package org.migrationportal.identity;

/** A role held by a user, with the project for per-project roles. */
public record RoleGrantView(Role role, String project) {}
