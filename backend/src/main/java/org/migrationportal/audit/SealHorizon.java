package org.migrationportal.audit;

import java.util.OptionalLong;

/**
 * Decides how far the sealer may chain: an entry id at or below which every id ever handed out has been
 * resolved — committed (and visible) or rolled back (a gap forever). Identity values are drawn when a
 * transaction inserts but become visible only when it commits, so "the highest visible id" alone is not
 * safe: a smaller id may still be in flight and would be skipped for good.
 */
interface SealHorizon {

    /** The id up to which sealing is safe now, or empty when nothing new is safe yet. */
    OptionalLong advance();
}
