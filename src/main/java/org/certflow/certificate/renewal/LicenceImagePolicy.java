package org.certflow.certificate.renewal;

import java.util.Objects;

import org.certflow.application.ApplicantDetails;

/** When a renewal needs a new licence image, or may keep the one the old application was reviewed with. */
public enum LicenceImagePolicy {
    /** Every renewal uploads a new image. */
    ALWAYS,
    /**
     * A new image only when what the reviewer checks against the image changed: the registration number or the
     * name (kanji or romaji, which the certificate carries).
     */
    WHEN_CHANGED,
    /** The old image always stays; the reviewer still sees any change in the differences. */
    NEVER;

    /** A previous application whose details were already reduced (no details) proves nothing: a new image is needed. */
    public boolean requiresNewImage(ApplicantDetails previous, ApplicantDetails current) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_CHANGED -> previous == null
                    || !Objects.equals(previous.registrationNumber(), current.registrationNumber())
                    || !Objects.equals(previous.familyName(), current.familyName())
                    || !Objects.equals(previous.firstName(), current.firstName())
                    || !Objects.equals(previous.familyNameRomaji(), current.familyNameRomaji())
                    || !Objects.equals(previous.firstNameRomaji(), current.firstNameRomaji());
        };
    }
}
