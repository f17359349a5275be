package org.certflow.operations;

import org.certflow.billing.BillingProperties;
import org.certflow.pki.PkiSettings;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The default run works with example values so that it starts with one command; on invoices and in certificates
 * they would be wrong, so production refuses to start with them and names the setting to change. It refuses an
 * empty SMTP host too: the default run's embedded mail server and mailbox page never run in production.
 */
@Component
@Profile("production")
class ProductionSettingsCheck {

    private static final String EXAMPLE_OID_ARC = "1.3.6.1.4.1.99999.";

    ProductionSettingsCheck(BillingProperties billing, PkiSettings pki, MailProperties smtp) {
        if (!StringUtils.hasText(smtp.getHost())) {
            throw new InvalidConfigurationPropertyValueException("spring.mail.host", "", "production sends mail "
                    + "through the SMTP relay named by the environment variable CERTFLOW_SMTP_HOST");
        }
        if (billing.registrationNumber().equals(BillingProperties.EXAMPLE_REGISTRATION_NUMBER)) {
            throw example("certflow.billing.registration-number", billing.registrationNumber(),
                    "CERTFLOW_INVOICE_REGISTRATION_NUMBER", "the chamber's qualified-invoice registration number");
        }
        if (billing.bankAccount().strip().equals(BillingProperties.EXAMPLE_BANK_ACCOUNT)) {
            throw example("certflow.billing.bank-account", billing.bankAccount(),
                    "CERTFLOW_BANK_ACCOUNT", "the account applicants transfer the fee to");
        }
        if (pki.policyOid().startsWith(EXAMPLE_OID_ARC)) {
            throw example("certflow.pki.policy-oid", pki.policyOid(),
                    "CERTFLOW_PKI_POLICY_OID", "the OID of the chamber's certificate policy");
        }
        if (pki.hasDevelopmentKeystorePassword()) {
            // the report shows the value given here; it names the password instead of repeating it
            throw example("certflow.pki.keystore-password", "(the development password)",
                    "CERTFLOW_PKI_KEYSTORE_PASSWORD", "a password of the CA keystores known only to the operators");
        }
    }

    private static InvalidConfigurationPropertyValueException example(String name, String value, String variable,
                                                                      String meaning) {
        return new InvalidConfigurationPropertyValueException(name, value, "it is the example value of the default "
                + "run; production needs " + meaning + " (environment variable " + variable + ")");
    }
}
