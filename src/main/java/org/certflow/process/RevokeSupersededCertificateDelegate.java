package org.certflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.certflow.certificate.CertificatePickup;
import org.springframework.stereotype.Component;

/** Revokes the certificate a second pickup replaced, with its audit entry and a new CRL. */
@Component("revokeSupersededCertificate")
public class RevokeSupersededCertificateDelegate implements JavaDelegate {

    private final CertificatePickup pickup;
    private final ProcessApplications processApplications;

    public RevokeSupersededCertificateDelegate(CertificatePickup pickup, ProcessApplications processApplications) {
        this.pickup = pickup;
        this.processApplications = processApplications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        pickup.revokeSuperseded(processApplications.idOf(execution));
    }
}
