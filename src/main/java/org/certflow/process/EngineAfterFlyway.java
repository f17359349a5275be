package org.certflow.process;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway migrates certflow's tables before the engine creates its own: on an empty database Flyway must
 * find the schema empty, and the engine's start-up work (deployments, the back-office setup) uses both.
 */
@Component
class EngineAfterFlyway implements BeanFactoryPostProcessor {

    static final String FLYWAY_INITIALIZER = "flywayInitializer";
    static final String PROCESS_ENGINE_FACTORY = "processEngineFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition(FLYWAY_INITIALIZER)
                || !beanFactory.containsBeanDefinition(PROCESS_ENGINE_FACTORY)) {
            return;
        }
        BeanDefinition engine = beanFactory.getBeanDefinition(PROCESS_ENGINE_FACTORY);
        String[] dependsOn = engine.getDependsOn();
        String[] extended = dependsOn == null ? new String[] {FLYWAY_INITIALIZER}
                : java.util.stream.Stream.concat(java.util.Arrays.stream(dependsOn),
                        java.util.stream.Stream.of(FLYWAY_INITIALIZER)).toArray(String[]::new);
        engine.setDependsOn(extended);
    }
}
