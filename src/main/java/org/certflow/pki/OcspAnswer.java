package org.certflow.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One OCSP answer (RFC 6960) of the issuing CA, signed by its delegated OCSP signing certificate: good, revoked
 * (with time and reason) or unknown for each serial asked about; the request's nonce is echoed. A request that
 * cannot be read, or that asks about more than {@link #MAX_SINGLE_REQUESTS} certificates, gets the unsigned
 * "malformed request" answer, never an exception: one request must not buy an unbounded number of look-ups.
 */
final class OcspAnswer {

    /** Clients may cache a good answer this long; the CRL is regenerated well within it. */
    static final Duration VALIDITY = Duration.ofHours(12);
    /** Browsers and OpenSSL ask about one certificate at a time; ten leaves room for a chain and a batch. */
    static final int MAX_SINGLE_REQUESTS = 10;

    private final X509Certificate issuer;
    private final PrivateKey signerKey;
    private final X509Certificate signer;
    private final SecureRandom random;
    private final Provider signatureProvider;

    OcspAnswer(X509Certificate issuer, PrivateKey signerKey, X509Certificate signer, SecureRandom random,
               Provider signatureProvider) {
        this.issuer = issuer;
        this.signerKey = signerKey;
        this.signer = signer;
        this.random = random;
        this.signatureProvider = signatureProvider;
    }

    byte[] respond(byte[] requestDer, Function<BigInteger, OcspStatus> status) {
        try {
            OCSPReq request;
            try {
                request = new OCSPReq(requestDer);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            int singleRequests = request.getRequestList().length;
            if (singleRequests == 0 || singleRequests > MAX_SINGLE_REQUESTS) {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            X509CertificateHolder signerHolder = new JcaX509CertificateHolder(signer);
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                    new RespID(signerHolder.getSubject()));
            Instant now = Instant.now();
            for (Req single : request.getRequestList()) {
                CertificateID id = single.getCertID();
                builder.addResponse(id, statusOf(id, issuerHolder, digests, status),
                        Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(
                    new JcaContentSignerBuilder(CaSigner.SIGNATURE_ALGORITHM)
                            .setProvider(signatureProvider).setSecureRandom(random).build(signerKey),
                    new X509CertificateHolder[] {signerHolder}, Date.from(now));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot build an OCSP response", e);
        }
    }

    private CertificateStatus statusOf(CertificateID id, X509CertificateHolder issuerHolder,
                                       DigestCalculatorProvider digests, Function<BigInteger, OcspStatus> status)
            throws OCSPException {
        if (!id.matchesIssuer(issuerHolder, digests)) {
            return new UnknownStatus();
        }
        OcspStatus known = status.apply(id.getSerialNumber());
        return switch (known.kind()) {
            case GOOD -> CertificateStatus.GOOD;
            case REVOKED -> new RevokedStatus(Date.from(known.revokedAt()), known.reason() == 0
                    ? CRLReason.unspecified : known.reason());
            case UNKNOWN -> new UnknownStatus();
        };
    }
}
