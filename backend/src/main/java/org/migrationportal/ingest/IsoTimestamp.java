package org.migrationportal.ingest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ISO-8601 date-time with offset ({@code 2026-11-20T09:12:03Z}). Times are taken as strings and checked
 * here, so one response names every bad time field instead of only the first the JSON parser trips on.
 */
@Documented
@Constraint(validatedBy = IsoTimestamp.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IsoTimestamp {

    String message() default "must be an ISO-8601 date-time with offset, such as 2026-11-20T09:12:03Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<IsoTimestamp, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Timestamps.parse(value) != null;
        }
    }
}
