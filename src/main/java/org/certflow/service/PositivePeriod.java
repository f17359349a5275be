package org.certflow.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Period;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A period that lies ahead: at least one day, month or year, none of them negative. */
@Documented
@Constraint(validatedBy = PositivePeriod.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositivePeriod {

    String message() default "must be a positive period, e.g. P30D";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PositivePeriod, Period> {

        @Override
        public boolean isValid(Period period, ConstraintValidatorContext context) {
            return period == null || (!period.isNegative() && !period.isZero());
        }
    }
}
