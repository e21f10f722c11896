package org.migrationportal.ingest;

/**
 * Who posted a piece of evidence: the API token (its id, and whether it was restricted to the environment
 * it posted for), or the system itself (demo data, imports).
 */
public record IngestSource(Long tokenId, boolean environmentRestricted) {

    public static IngestSource system() {
        return new IngestSource(null, false);
    }
}
