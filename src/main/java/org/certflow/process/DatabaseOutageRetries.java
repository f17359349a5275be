package org.certflow.process;

import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.certflow.service.DatabaseOutage;
import org.springframework.stereotype.Component;

/**
 * A job that failed because the database went away under it (a restart, a failover) did nothing wrong, and its
 * retries are for faults that need minutes or an operator ({@code certflow.jobs.retry-cycle}: five tries five minutes
 * apart). Such a failure does not count: the job keeps its retries and runs again a few seconds after the failure
 * could be recorded, which is once the database is back; as Camunda itself treats a lost optimistic lock. A
 * failure that cannot be recorded either leaves the job to its lock time, also without using up a retry.
 */
@Component
class DatabaseOutageRetries extends AbstractProcessEnginePlugin {

    static final Duration AGAIN_AFTER = Duration.ofSeconds(5);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        FailedJobCommandFactory standard = new DefaultFailedJobCommandFactory();
        configuration.setFailedJobCommandFactory((jobId, failure) -> DatabaseOutage.explains(failure)
                ? new AgainSoon(jobId, failure) : standard.getCommand(jobId, failure));
    }

    /** Records the failure on the job, which Cockpit shows, and makes it due again shortly with its retries left. */
    private static final class AgainSoon extends JobRetryCmd {

        AgainSoon(String jobId, Throwable failure) {
            super(jobId, failure);
        }

        @Override
        public Object execute(CommandContext context) {
            JobEntity job = getJob();
            if (job == null) {
                return null;
            }
            job.unlock();
            logException(job);
            job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + AGAIN_AFTER.toMillis()));
            notifyAcquisition(context);
            return null;
        }
    }
}
