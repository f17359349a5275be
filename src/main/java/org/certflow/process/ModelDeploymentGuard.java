package org.certflow.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DeleteDeploymentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByIdsCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessDefinitionsByKeyCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Models come only with a release of certflow, which deploys them itself at start ({@link ProcessDeployment}).
 * Creating (or redeploying) and deleting a deployment, or deleting its process definitions (which, cascading, ends
 * every application's instance), on behalf of a logged-in user — the REST API, Cockpit — is refused for everybody,
 * administrators included: Camunda lets members of {@code camunda-admin} past every
 * authorization check, and a deployed model runs with the rights of the application.
 */
@Component
class ModelDeploymentGuard extends AbstractProcessEnginePlugin {

    static final String REFUSAL = "Process models are deployed only by a release of certflow, at its start; "
            + "deployments over the REST API or the webapps are refused.";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                withGuard(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                withGuard(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));
    }

    private static List<CommandInterceptor> withGuard(List<CommandInterceptor> interceptors,
                                                      ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> extended = interceptors == null ? new ArrayList<>() : new ArrayList<>(interceptors);
        extended.add(new Guard(configuration));
        return extended;
    }

    private static final class Guard extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Guard(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof DeployCmd || command instanceof DeleteDeploymentCmd
                    || command instanceof DeleteProcessDefinitionsByIdsCmd
                    || command instanceof DeleteProcessDefinitionsByKeyCmd) {
                Authentication user = configuration.getIdentityService().getCurrentAuthentication();
                if (user != null) {
                    throw new AuthorizationException(REFUSAL + " (user " + user.getUserId() + ")");
                }
            }
            return next.execute(command);
        }
    }
}
