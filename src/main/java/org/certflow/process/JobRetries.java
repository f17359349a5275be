package org.certflow.process;

import org.springframework.stereotype.Component;

/**
 * The retry cycle of failed jobs ({@code certflow.jobs.retry-cycle}) as the models' {@code failedJobRetryTimeCycle}
 * reads it. An operator who expects a longer outage, or a test that wants incidents within seconds, sets it.
 */
@Component("jobRetries")
public class JobRetries {

    private final String cycle;

    JobRetries(JobProperties properties) {
        this.cycle = properties.retryCycle();
    }

    public String cycle() {
        return cycle;
    }
}
