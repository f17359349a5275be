package org.certflow.certificate.renewal;

/**
 * A renewal application and what it renews.
 *
 * @param applicationId          the new application
 * @param previousApplicationId  the application of the certificate it renews
 * @param previousSerialNumber   the certificate it renews (hexadecimal, as the register keeps it)
 * @param revokePrevious         the applicant asked to revoke that certificate once the new one is picked up
 * @param licenceImageCarried    the image on file is the old application's, not uploaded for this one
 */
public record Renewal(long applicationId, long previousApplicationId, String previousSerialNumber,
                      boolean revokePrevious, boolean licenceImageCarried) {
}
