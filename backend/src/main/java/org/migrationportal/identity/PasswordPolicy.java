package org.migrationportal.identity;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * The one password rule, applied by the API, the admin and profile forms and the first-admin account alike:
 * 12 to 128 characters, counted as Unicode code points (an emoji is one character, however many bytes it
 * takes). Every byte counts: the hash (PBKDF2, {@link SecurityConfiguration#passwordEncoder}) has no length
 * limit, unlike BCrypt, which ignores everything after 72 bytes.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    public static final String MESSAGE = "must be 12 to 128 characters";

    private PasswordPolicy() {}

    /** Why this password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String password) {
        if (password == null || tooLong(password)) {
            return Optional.of(MESSAGE);
        }
        int length = password.codePointCount(0, password.length());
        return length < MIN_LENGTH ? Optional.of(MESSAGE) : Optional.empty();
    }

    /** True when the value cannot be a password under this policy: cheap enough for every sign-in attempt. */
    static boolean tooLong(String password) {
        // A code point takes at most two UTF-16 units: anything longer than twice the limit is over it.
        return password.length() > MAX_LENGTH
                && (password.length() > 2 * MAX_LENGTH || password.codePointCount(0, password.length()) > MAX_LENGTH);
    }

    /** Bean Validation for form and request fields; null and empty are left to {@code @NotBlank} or the form. */
    @Documented
    @Constraint(validatedBy = Check.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Acceptable {
        String message() default MESSAGE;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The validator behind {@link Acceptable}. */
    public static final class Check implements ConstraintValidator<Acceptable, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || problem(value).isEmpty();
        }
    }
}
