package org.migrationportal.shared;

/** The named thing does not exist (or the caller may not know it exists). Answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException project(String key) {
        return new NotFoundException("No project with key '" + key + "'.");
    }

    public static NotFoundException environment(String projectKey, String environmentKey) {
        return new NotFoundException("Project '" + projectKey + "' has no environment '" + environmentKey + "'.");
    }
}
