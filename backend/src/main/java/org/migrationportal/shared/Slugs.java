package org.migrationportal.shared;

import java.util.regex.Pattern;

/** Keys of projects and environments are lowercase slugs: they appear in URLs, badges and API bodies. */
public final class Slugs {

    public static final String REGEX = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";
    public static final String MESSAGE =
            "must be a lowercase slug: letters a-z, digits and inner hyphens, at most 64 characters";
    private static final Pattern PATTERN = Pattern.compile(REGEX);

    private Slugs() {}

    public static boolean isSlug(String value) {
        return value != null && PATTERN.matcher(value).matches();
    }
}
