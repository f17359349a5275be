package org.certflow.process;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.UnlockJobCmd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gives this node's job executor a lock owner that stays the same from one start to the next
 * ({@code certflow.node-id}, else host name and server port), and at start, before the job executor acquires
 * anything, releases the jobs still locked under that owner: they were taken by this node's previous run, which
 * stopped without finishing them (a crash, a kill), so they run again at once instead of after the lock time.
 * Camunda's own lock owner is a new random UUID at every start, which leaves such jobs locked until they expire.
 */
@Component
class NodeJobLocks extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(NodeJobLocks.class);

    private final String nodeId;
    private final boolean stable;

    NodeJobLocks(NodeProperties node, ServerProperties server) {
        String configured = node.nodeId().strip();
        String port = server.getPort() == null ? "8080" : server.getPort().toString();
        if (!configured.isEmpty()) {
            this.nodeId = configured;
            this.stable = true;
        } else if (!"0".equals(port)) {
            this.nodeId = hostName() + ":" + port;
            this.stable = true;
        } else {
            // a random port says nothing about which node this is; taking another node's jobs would run them twice
            this.nodeId = UUID.randomUUID().toString();
            this.stable = false;
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.getJobExecutor().setLockOwner(nodeId);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!stable) {
            log.info("Job lock owner {} (random: server.port is 0 and certflow.node-id is not set); jobs a previous "
                    + "run of this node had taken wait for their lock time", nodeId);
            return;
        }
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        List<TakenJob> taken = takenJobs(configuration);
        List<String> resumed = new ArrayList<>();
        for (TakenJob job : taken) {
            try {
                configuration.getCommandExecutorTxRequired().execute(new UnlockJobCmd(job.id()));
                resumed.add(job.toString());
            } catch (ProcessEngineException finishedMeanwhile) {
                // deleted or changed since it was read: nothing of it is left to resume
                log.debug("Job {} not released: {}", job.id(), finishedMeanwhile.getMessage());
            }
        }
        if (resumed.isEmpty()) {
            log.info("Job lock owner {}: no jobs were left taken by this node's previous run", nodeId);
        } else {
            log.warn("Job lock owner {}: resumed {} jobs that this node had taken before it stopped: {}", nodeId,
                    resumed.size(), String.join(", ", resumed));
        }
    }

    private List<TakenJob> takenJobs(ProcessEngineConfigurationImpl configuration) {
        String prefix = configuration.getDatabaseTablePrefix();
        return JdbcClient.create(configuration.getDataSource())
                .sql("select j.ID_, j.PROCESS_DEF_KEY_, d.ACT_ID_, e.BUSINESS_KEY_ from " + prefix + "ACT_RU_JOB j"
                        + " left join " + prefix + "ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_"
                        + " left join " + prefix + "ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_"
                        + " where j.LOCK_OWNER_ = ? order by j.ID_")
                .param(nodeId)
                .query((row, number) -> new TakenJob(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4)))
                .list();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("The host name is unknown; set certflow.node-id (CERTFLOW_NODE_ID) to "
                    + "a name of this node that stays the same across restarts", e);
        }
    }

    private record TakenJob(String id, String process, String activity, String businessKey) {

        @Override
        public String toString() {
            return activity + " of " + process + (businessKey == null ? "" : " " + businessKey) + " (job " + id + ")";
        }
    }
}
