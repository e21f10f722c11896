package org.migrationportal.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON string the database cannot hold; Jackson adds the field's path as the exception travels up. */
final class UnstorableTextException extends MismatchedInputException {

    UnstorableTextException(JsonParser parser) {
        super(parser, StorableText.MESSAGE, String.class);
    }
}
