package org.certflow.pki;

/** How a PKCS#12 file is protected; the applicant picks it at pickup. */
public enum Pkcs12Format {
    /** AES-256-CBC with PBKDF2-HMAC-SHA256 and a SHA-256 MAC: today's clients. */
    MODERN,
    /** 3DES with a SHA-1 MAC: Windows Server 2016 and older, old macOS keychains. */
    LEGACY
}
