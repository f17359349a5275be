package org.certflow;

import org.certflow.operations.AuditVerifyCommand;
import org.certflow.operations.RecordsVerifyCommand;
import org.certflow.operations.ReencryptCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CertflowApplication {

    public static void main(String[] args) {
        if (AuditVerifyCommand.isInvoked(args)) {
            System.exit(AuditVerifyCommand.run(args, System.out, System.err));
        }
        if (RecordsVerifyCommand.isInvoked(args)) {
            System.exit(RecordsVerifyCommand.run(args, System.out, System.err));
        }
        if (ReencryptCommand.isInvoked(args)) {
            System.exit(ReencryptCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(CertflowApplication.class, args);
    }
}
