package org.migrationportal.approvals;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One migration a request covers, bound to the checksum it had when the request was opened. */
@Embeddable
record RequestedMigration(
        @Column(name = "revision") String revision,
        @Column(name = "checksum") String checksum,
        @Column(name = "author") String author) {}
