package org.certflow.retention;

import java.time.MonthDay;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads a day of the year in ISO-8601 ({@code --03-31}) from the settings; Spring has no converter of its own. */
@Component
@ConfigurationPropertiesBinding
public class MonthDayConverter implements Converter<String, MonthDay> {

    @Override
    public MonthDay convert(String source) {
        return MonthDay.parse(source.trim());
    }
}
