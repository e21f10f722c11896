package org.migrationportal.projects;

/** An environment of a project: key, tier order, production flag, and the environment that verifies it first. */
public record EnvironmentView(long id, String key, String name, int order, boolean production, String verifiedBy) {}
