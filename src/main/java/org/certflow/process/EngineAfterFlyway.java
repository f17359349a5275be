package org.certflow.process;

import java.util.Set;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * The engine is one more user of the database that Flyway initializes: Spring Boot starts it after the migrations,
 * as it does for its own database users. On an empty database Flyway must find the schema empty, and the engine's
 * start-up work (deployments, the back-office setup) uses certflow's tables too.
 */
class EngineAfterFlyway extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(ProcessEngineFactoryBean.class);
    }
}
