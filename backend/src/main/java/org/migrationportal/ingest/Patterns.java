package org.migrationportal.ingest;

/** Shapes shared by the submission records. */
final class Patterns {

    static final String SHA = "[0-9a-fA-F]{7,40}";
    static final String SHA_MESSAGE = "must be 7 to 40 hexadecimal characters";
    static final String URL = "https?://\\S+";
    static final String URL_MESSAGE = "must be an http or https URL";

    private Patterns() {}
}
