package org.migrationportal.web;

/**
 * Text the database can hold. PostgreSQL {@code text} cannot contain NUL (U+0000) at all, and a UTF-16
 * surrogate without its partner has no UTF-8 encoding (the driver would silently store a {@code ?}): both are
 * refused where input enters, so they never reach a query as a 500 or as quietly changed evidence.
 */
final class StorableText {

    static final String MESSAGE = "must not contain NUL (U+0000) or unpaired surrogate characters";

    private StorableText() {}

    static boolean isStorable(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
