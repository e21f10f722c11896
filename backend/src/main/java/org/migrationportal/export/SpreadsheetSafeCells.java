package org.migrationportal.export;

/**
 * CSV injection (OWASP): a spreadsheet opening an export runs a cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return as a formula, so a deployer named {@code =HYPERLINK(…)} would
 * become a live link in an auditor's sheet. Such cells are written with a leading single quote, which
 * spreadsheets show as text and hide. A cell that itself starts with a quote gets one more, so
 * {@link #restore} gives back exactly the stored text (the audit CSV is re-read to verify the hash chain).
 */
final class SpreadsheetSafeCells {

    private SpreadsheetSafeCells() {}

    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + cell;
            default -> cell;
        };
    }

    /** Any value: text is neutralised, numbers and booleans are not formulas and stay as they are. */
    static Object neutraliseValue(Object cell) {
        return cell instanceof String text ? neutralise(text) : cell;
    }

    static String restore(String cell) {
        return cell != null && cell.startsWith("'") ? cell.substring(1) : cell;
    }
}
