package org.migrationportal.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * One rule for every JSON string of every request body: each {@code String} Jackson reads (record fields,
 * nested objects, list elements) must be {@linkplain StorableText storable}, else the body is refused as a 400
 * naming the field ({@link ApiProblemHandler}). Registered on the application's JSON mapper by Spring Boot.
 */
final class StorableTextModule extends SimpleModule {

    StorableTextModule() {
        super("storable-text");
        addDeserializer(String.class, new StorableStringDeserializer());
    }

    private static final class StorableStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (value != null && !StorableText.isStorable(value)) {
                throw new UnstorableTextException(parser);
            }
            return value;
        }
    }
}
