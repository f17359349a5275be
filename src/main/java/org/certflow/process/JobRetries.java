package org.certflow.process;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How often and how far apart a failed job (a mail, an invoice, a CRL) is tried again before it becomes an
 * incident in Cockpit, read by the models' {@code failedJobRetryTimeCycle}. The default, five tries five minutes
 * apart, rides out a relay restart; an operator who expects a longer outage, or a test that wants incidents within
 * seconds, sets {@code certflow.jobs.retry-cycle} (ISO-8601 repeating interval, e.g. {@code R3/PT2S}).
 */
@Component("jobRetries")
public class JobRetries {

    private final String cycle;

    JobRetries(@Value("${certflow.jobs.retry-cycle:R5/PT5M}") String cycle) {
        this.cycle = cycle;
    }

    public String cycle() {
        return cycle;
    }
}
