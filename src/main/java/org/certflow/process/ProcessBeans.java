package org.certflow.process;

import java.util.AbstractMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringBeansResolverFactory;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The beans that model expressions and scripts may name ({@code ${sendApplicantMail}},
 * {@code ${deadlines.oneTimeLink()}} …), and no other: without this list every bean of the application, the
 * certificate authority and the data source among them, would be one expression away from any model the engine runs.
 */
@Component
class ProcessBeans extends AbstractProcessEnginePlugin {

    /**
     * Every bean named in a delegateExpression, expression, listener, condition or timer of {@code processes/}.
     * A model that needs a new bean gets it added here, in the same change.
     */
    static final Set<String> NAMES = Set.of(
            "applicationStatus",
            "checkRevocationRequest",
            "crlPublication",
            "deadlines",
            "disposeLicenceImage",
            "disposeTaxRecords",
            "eligibilityCheck",
            "forgetPersonalDataInHistory",
            "issueInvoice",
            "issueReceipt",
            "issueReturnInvoice",
            "jobRetries",
            "letterReissueApproval",
            "paymentConfirmation",
            "provisionalApplication",
            "reducePersonalData",
            "refundRecording",
            "recordApplicantRevocationRequest",
            "requestRevocation",
            "retention",
            "retirePickupPassword",
            "reviewDecisionCheck",
            "reviewOutcome",
            "revocationApproval",
            "revocationRecord",
            "revokeCertificate",
            "revokeSupersededCertificate",
            "sendApplicantMail",
            "serviceCertificates",
            "staffTasks",
            "withdrawalCheck");

    private final ApplicationContext context;

    ProcessBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new AllowedBeans(context);
        configuration.setBeans(beans);
        // the Spring factory bean built its expression manager before plugins run, over the whole context
        configuration.setExpressionManager(new SpringExpressionManager(context, beans));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // Spring's engine configuration hands scripts (a juel or FEEL script task) every bean; the engine's own
        // resolver, which stays, reads the beans above
        configuration.getResolverFactories().removeIf(factory -> factory instanceof SpringBeansResolverFactory);
    }

    /**
     * The allowed beans, looked up when an expression is evaluated: most of them need the engine's services,
     * which do not exist yet while the engine is being configured.
     */
    private static final class AllowedBeans extends AbstractMap<Object, Object> {

        private final ApplicationContext context;

        AllowedBeans(ApplicationContext context) {
            this.context = context;
        }

        @Override
        public boolean containsKey(Object key) {
            return NAMES.contains(key);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Object> keySet() {
            return new HashSet<>(NAMES);
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return NAMES.stream().map(name -> Map.entry((Object) name, context.getBean(name)))
                    .collect(Collectors.toSet());
        }
    }
}
