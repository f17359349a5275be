package org.certflow.certificate.cmp;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevRepContentBuilder;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.CertificateConfirmationContent;
import org.bouncycastle.cert.cmp.CertificateStatus;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.certflow.certificate.CaAudit;
import org.certflow.certificate.CertificateIssuance;
import org.certflow.certificate.CertificateRegistry;
import org.certflow.certificate.CrlPublication;
import org.certflow.certificate.IssuedCertificate;
import org.certflow.certificate.RevocationReason;
import org.certflow.pki.CertificateAuthority;
import org.certflow.pki.ClientCertificateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CA's side of the lightweight CMP profile (RFC 9483): enrolment ({@code ir}, {@code cr} with a signature proof
 * of possession, {@code p10cr}) answered with {@code ip}/{@code cp} and confirmed by {@code certConf} →
 * {@code pkiConf}, and revocation ({@code rr} → {@code rp}).
 * <p>
 * A request is taken only when protected by the shared secret (PBM, with {@link CmpProperties#reference()} as
 * senderKID) or signed by one of the pinned RA certificates; the answer is protected the same way: with the same
 * secret, or with the issuing CA's key, whose certificate the RA already trusts as the issuer of what it enrols. A
 * message that is unprotected, wrongly protected, stale or sent again, or that asks for anything the client profile
 * does not say, is answered with an error message and issues nothing.
 * <p>
 * What is issued goes through {@link CertificateAuthority#certify} with the applicants' client profile and is
 * recorded like a pickup ({@link CertificateIssuance}); what is revoked is listed on a new CRL and audited.
 */
@Component
class CmpServer {

    private static final Logger log = LoggerFactory.getLogger(CmpServer.class);

    /** How far a request's messageTime may be from the CA's clock; nonces are remembered twice as long. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** Bounds the work an unauthenticated PBM message can ask for. */
    static final int MAX_PBM_ITERATIONS = 100_000;
    private static final int MIN_ID_BYTES = 16;
    private static final String BC = BouncyCastleProvider.PROVIDER_NAME;

    private final CmpProperties properties;
    private final CertificateAuthority authority;
    private final CertificateIssuance issuance;
    private final CertificateRegistry registry;
    private final CaAudit audit;
    private final CrlPublication crls;
    private final CmpTransactions transactions;
    private final TransactionTemplate inTransaction;
    private final Clock clock;
    private final List<X509Certificate> raCertificates;
    private final SecureRandom random = new SecureRandom();

    CmpServer(CmpProperties properties, CertificateAuthority authority, CertificateIssuance issuance,
              CertificateRegistry registry, CaAudit audit, CrlPublication crls, CmpTransactions transactions,
              PlatformTransactionManager transactionManager, Clock clock) {
        this.properties = properties;
        this.authority = authority;
        this.issuance = issuance;
        this.registry = registry;
        this.audit = audit;
        this.crls = crls;
        this.transactions = transactions;
        this.inTransaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.raCertificates = properties.raCertificates().stream().map(CmpServer::readCertificate).toList();
    }

    /** The answer to one DER-encoded request: always a CMP message, an error message when refused. */
    byte[] answer(byte[] request) {
        PKIMessage message;
        try {
            message = PKIMessage.getInstance(request);
            message.getHeader().getSender();
        } catch (RuntimeException e) {
            return encode(error(null, null, PKIFailureInfo.badDataFormat, "not a CMP message"));
        }
        Protection protection = null;
        try {
            protection = verify(message);
            return encode(protection.protect(handle(message, protection)));
        } catch (CmpRefusal refusal) {
            log.info("CMP request refused ({}): {}", sender(message), refusal.getMessage());
            PKIMessage error = error(message.getHeader(), protection, refusal.failInfo(), refusal.getMessage());
            return encode(error);
        } catch (RuntimeException e) {
            // a structure Bouncy Castle cannot read deep inside, or the database out of reach: still an answer
            log.warn("CMP request from {} failed", sender(message), e);
            return encode(error(message.getHeader(), null, PKIFailureInfo.systemFailure,
                    "the request could not be processed"));
        }
    }

    // ---- protection -------------------------------------------------------------------------------------------

    /** How a request was protected and so how its answer is: the sender it names, and the key. */
    private final class Protection {
        private final boolean mac;
        private final PBMParameter pbm;
        private final String actor;

        Protection(boolean mac, PBMParameter pbm, String actor) {
            this.mac = mac;
            this.pbm = pbm;
            this.actor = actor;
        }

        PKIMessage protect(ProtectedPKIMessageBuilder builder) {
            try {
                if (mac) {
                    byte[] salt = new byte[16];
                    random.nextBytes(salt);
                    MacCalculator calculator = pkmac().setParameters(new PBMParameter(salt, pbm.getOwf(),
                                    pbm.getIterationCount().intValueExact(), pbm.getMac()))
                            .build(properties.sharedSecret().toCharArray());
                    builder.setSenderKID(properties.reference().getBytes(StandardCharsets.UTF_8));
                    return builder.build(calculator).toASN1Structure();
                }
                for (X509Certificate certificate : authority.chain()) {
                    builder.addCMPCertificate(new JcaX509CertificateHolder(certificate));
                }
                ContentSigner signer = authority.protocolSigner();
                return builder.build(signer).toASN1Structure();
            } catch (CMPException | CRMFException | CertificateException e) {
                throw new IllegalStateException("cannot protect a CMP answer", e);
            }
        }
    }

    private Protection verify(PKIMessage message) {
        PKIHeader header = message.getHeader();
        if (header.getProtectionAlg() == null || message.getProtection() == null) {
            throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the message is not protected");
        }
        ProtectedPKIMessage protectedMessage = new ProtectedPKIMessage(new GeneralPKIMessage(
                message));
        try {
            if (protectedMessage.hasPasswordBasedMacProtection()) {
                byte[] kid = header.getSenderKID() == null ? new byte[0] : header.getSenderKID().getOctets();
                if (!properties.hasSharedSecret() || !MessageDigest.isEqual(kid,
                        properties.reference().getBytes(StandardCharsets.UTF_8))) {
                    throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "unknown sender reference");
                }
                PBMParameter pbm = PBMParameter.getInstance(header.getProtectionAlg().getParameters());
                if (pbm.getIterationCount().getValue().compareTo(BigInteger.valueOf(MAX_PBM_ITERATIONS)) > 0) {
                    throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "PBM iteration count too high");
                }
                if (!protectedMessage.verify(pkmac(), properties.sharedSecret().toCharArray())) {
                    throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the MAC does not verify");
                }
                return new Protection(true, pbm, "cmp ra " + properties.reference());
            }
            X509Certificate signer = trustedRa(protectedMessage.getCertificates(), header.getSender());
            if (!protectedMessage.verify(new JcaContentVerifierProviderBuilder().setProvider(BC).build(signer))) {
                throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the signature does not verify");
            }
            return new Protection(false, null, "cmp ra " + signer.getSubjectX500Principal().getName());
        } catch (CMPException | OperatorCreationException | IllegalArgumentException e) {
            throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the protection cannot be checked");
        }
    }

    /**
     * The pinned RA certificate that protected a message: the first of its extraCerts (RFC 9483), or, when the RA
     * leaves its certificate out (OpenSSL does for a self-signed one), the pinned certificate of the sender's name.
     */
    private X509Certificate trustedRa(X509CertificateHolder[] extraCerts, GeneralName sender) {
        for (X509Certificate ra : raCertificates) {
            try {
                boolean presented = extraCerts.length > 0
                        && MessageDigest.isEqual(ra.getEncoded(), extraCerts[0].getEncoded());
                boolean named = extraCerts.length == 0 && sender.getTagNo() == GeneralName.directoryName
                        && X500Name.getInstance(ra.getSubjectX500Principal().getEncoded())
                        .equals(X500Name.getInstance(sender.getName()));
                if (presented || named) {
                    ra.checkValidity(Date.from(clock.instant()));
                    return ra;
                }
            } catch (GeneralSecurityException | IOException e) {
                throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the RA certificate is not valid now");
            }
        }
        throw new CmpRefusal(PKIFailureInfo.badMessageCheck, "the signer is not an authorised RA");
    }

    private static PKMACBuilder pkmac() {
        return new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC), MAX_PBM_ITERATIONS);
    }

    // ---- requests ---------------------------------------------------------------------------------------------

    private ProtectedPKIMessageBuilder handle(PKIMessage message, Protection protection) {
        PKIHeader header = message.getHeader();
        String transactionId = hex(header.getTransactionID(), "transactionID");
        String nonce = hex(header.getSenderNonce(), "senderNonce");
        Instant now = clock.instant();
        if (header.getMessageTime() == null) {
            throw new CmpRefusal(PKIFailureInfo.badTime, "messageTime missing");
        }
        try {
            Instant sent = header.getMessageTime().getDate().toInstant();
            if (Duration.between(sent, now).abs().compareTo(CLOCK_TOLERANCE) > 0) {
                throw new CmpRefusal(PKIFailureInfo.badTime, "messageTime too far from the CA's clock");
            }
        } catch (ParseException e) {
            throw new CmpRefusal(PKIFailureInfo.badTime, "unreadable messageTime");
        }
        if (!transactions.takeNonce(nonce, now, now.minus(CLOCK_TOLERANCE.multipliedBy(2)))) {
            throw new CmpRefusal(PKIFailureInfo.badRequest, "message replayed (senderNonce seen before)");
        }
        PKIBody body = message.getBody();
        return switch (body.getType()) {
            case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ -> enrol(message, protection, transactionId,
                    crmf(body), body.getType() == PKIBody.TYPE_INIT_REQ ? PKIBody.TYPE_INIT_REP
                            : PKIBody.TYPE_CERT_REP);
            case PKIBody.TYPE_P10_CERT_REQ -> enrol(message, protection, transactionId, pkcs10(body),
                    PKIBody.TYPE_CERT_REP);
            case PKIBody.TYPE_CERT_CONFIRM -> confirm(message, protection, transactionId);
            case PKIBody.TYPE_REVOCATION_REQ -> revoke(message, protection, transactionId);
            default -> throw new CmpRefusal(PKIFailureInfo.badRequest,
                    "message type " + body.getType() + " is not served here");
        };
    }

    /** What an enrolment asks for, once its proof of possession held. */
    private record Enrolment(BigInteger certReqId, X500Name subject, Extensions extensions, PublicKey key) {
    }

    private Enrolment crmf(PKIBody body) {
        CertReqMessages messages = CertReqMessages.getInstance(body.getContent());
        if (messages.toCertReqMsgArray().length != 1) {
            throw new CmpRefusal(PKIFailureInfo.badRequest, "exactly one certificate request per message");
        }
        CertificateRequestMessage request = new CertificateRequestMessage(messages.toCertReqMsgArray()[0]);
        CertTemplate template = request.getCertTemplate();
        if (template.getPublicKey() == null || template.getSubject() == null) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "the template needs a subject and a public key");
        }
        if (!request.hasProofOfPossession()
                || request.getProofOfPossessionType() != CertificateRequestMessage.popSigningKey
                || request.hasSigningKeyProofOfPossessionWithPKMAC()) {
            throw new CmpRefusal(PKIFailureInfo.badPOP, "a proof of possession by signature is required");
        }
        try {
            if (!request.isValidSigningKeyPOP(new JcaContentVerifierProviderBuilder().setProvider(BC)
                    .build(template.getPublicKey()))) {
                throw new CmpRefusal(PKIFailureInfo.badPOP, "the proof of possession does not verify");
            }
        } catch (CRMFException | OperatorCreationException | RuntimeException e) {
            if (e instanceof CmpRefusal refusal) {
                throw refusal;
            }
            throw new CmpRefusal(PKIFailureInfo.badPOP, "the proof of possession cannot be checked");
        }
        return new Enrolment(request.getCertReqId().getValue(), template.getSubject(), template.getExtensions(),
                publicKey(template.getPublicKey()));
    }

    private Enrolment pkcs10(PKIBody body) {
        JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(
                (CertificationRequest) body.getContent());
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                    .build(request.getSubjectPublicKeyInfo()))) {
                throw new CmpRefusal(PKIFailureInfo.badPOP, "the PKCS#10 signature does not verify");
            }
        } catch (PKCSException | OperatorCreationException | RuntimeException e) {
            if (e instanceof CmpRefusal refusal) {
                throw refusal;
            }
            throw new CmpRefusal(PKIFailureInfo.badPOP, "the PKCS#10 signature cannot be checked");
        }
        Extensions extensions = null;
        for (Attribute attribute : request.getAttributes()) {
            if (!attribute.getAttrType().equals(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                throw new CmpRefusal(PKIFailureInfo.badCertTemplate,
                        "unexpected PKCS#10 attribute " + attribute.getAttrType());
            }
            ASN1Set values = attribute.getAttrValues();
            if (extensions != null || values.size() != 1) {
                throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "more than one extension request");
            }
            extensions = Extensions.getInstance(values.getObjectAt(0));
        }
        return new Enrolment(BigInteger.ZERO, request.getSubject(), extensions,
                publicKey(request.getSubjectPublicKeyInfo()));
    }

    private ProtectedPKIMessageBuilder enrol(PKIMessage message, Protection protection, String transactionId,
                                             Enrolment enrolment, int answerType) {
        ClientCertificateRequest asked = request(enrolment.subject(), email(enrolment.extensions()));
        X509Certificate certificate;
        try {
            certificate = inTransaction.execute(status -> {
                Instant now = clock.instant();
                transactions.start(transactionId, protection.actor, now);
                X509Certificate issued = authority.certify(enrolment.key(), asked);
                issuance.record(null, issued, now, protection.actor);
                transactions.issued(transactionId, issued.getSerialNumber().toString(16), now);
                return issued;
            });
        } catch (DuplicateKeyException e) {
            throw new CmpRefusal(PKIFailureInfo.transactionIdInUse, "transactionID used before");
        } catch (IllegalArgumentException e) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate, e.getMessage());
        }
        log.info("CMP: {} enrolled certificate {} for {}", protection.actor,
                certificate.getSerialNumber().toString(16), certificate.getSubjectX500Principal().getName());
        try {
            CertResponse response = new CertResponse(new ASN1Integer(enrolment.certReqId()),
                    new PKIStatusInfo(PKIStatus.granted), new CertifiedKeyPair(new CertOrEncCert(
                    new CMPCertificate(new JcaX509CertificateHolder(certificate).toASN1Structure()))), null);
            return answer(message.getHeader(), new PKIBody(answerType,
                    new CertRepMessage(null, new CertResponse[] {response})));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode the certificate just issued", e);
        }
    }

    /**
     * The subject must be what the client profile writes, nothing more: C=JP, O= this CA's organisation, one OU
     * and CN="GIVEN FAMILY" in romaji capitals.
     */
    private ClientCertificateRequest request(X500Name subject, String email) {
        String country = null;
        String organization = null;
        String unit = null;
        String commonName = null;
        for (RDN rdn : subject.getRDNs()) {
            if (rdn.isMultiValued()) {
                throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "multi-valued names are not issued");
            }
            AttributeTypeAndValue value = rdn.getFirst();
            String text = IETFUtils.valueToString(value.getValue());
            ASN1ObjectIdentifier type = value.getType();
            if (type.equals(BCStyle.C) && country == null) {
                country = text;
            } else if (type.equals(BCStyle.O) && organization == null) {
                organization = text;
            } else if (type.equals(BCStyle.OU) && unit == null) {
                unit = text;
            } else if (type.equals(BCStyle.CN) && commonName == null) {
                commonName = text;
            } else {
                throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "the subject may only hold C, O, OU and CN once");
            }
        }
        if (!"JP".equals(country) || !authority.organization().equals(organization) || unit == null
                || commonName == null) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate,
                    "the subject must be C=JP, O=" + authority.organization() + ", OU=…, CN=GIVEN FAMILY");
        }
        String[] names = commonName.split(" ", -1);
        if (names.length != 2 || !commonName.equals(commonName.toUpperCase(Locale.ROOT))) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "the common name must be GIVEN FAMILY in capitals");
        }
        return new ClientCertificateRequest(names[1], names[0], email, unit, properties.validityYears());
    }

    /** The one extension a request may carry: a subject alternative name holding one e-mail address. */
    private static String email(Extensions extensions) {
        if (extensions == null) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "a subjectAltName with the e-mail address is required");
        }
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (!oid.equals(Extension.subjectAlternativeName)) {
                throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "extension " + oid
                        + " is not requested here: the profile decides every extension but the e-mail address");
            }
        }
        GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null || names.getNames().length != 1
                || names.getNames()[0].getTagNo() != GeneralName.rfc822Name) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate,
                    "the subjectAltName must hold exactly one e-mail address");
        }
        return IETFUtils.valueToString(names.getNames()[0].getName());
    }

    private ProtectedPKIMessageBuilder confirm(PKIMessage message, Protection protection, String transactionId) {
        CertificateConfirmationContent content = CertificateConfirmationContent.fromPKIBody(message.getBody());
        CertificateStatus[] statuses = content.getStatusMessages();
        if (statuses.length != 1) {
            throw new CmpRefusal(PKIFailureInfo.badRequest, "exactly one certificate status per certConf");
        }
        CertificateStatus status = statuses[0];
        inTransaction.executeWithoutResult(tx -> {
            CmpTransactions.Transaction transaction = transactions.lock(transactionId)
                    .filter(found -> found.sender().equals(protection.actor))
                    .orElseThrow(() -> new CmpRefusal(PKIFailureInfo.badRequest, "no such transaction"));
            if (transaction.state() != CmpTransactions.State.AWAITING_CONFIRMATION
                    || transaction.serialNumber() == null) {
                throw new CmpRefusal(PKIFailureInfo.badRequest, "the transaction is not awaiting a confirmation");
            }
            byte[] der = registry.certificateDer(transaction.serialNumber()).orElseThrow();
            try {
                if (!status.isVerified(new X509CertificateHolder(der),
                        new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())) {
                    throw new CmpRefusal(PKIFailureInfo.badCertId, "certHash does not match the certificate");
                }
            } catch (CMPException | OperatorCreationException | IOException e) {
                throw new CmpRefusal(PKIFailureInfo.badCertId, "certHash cannot be checked");
            }
            Instant now = clock.instant();
            if (status.getStatusInfo() != null && status.getStatusInfo().getStatus().intValue() == PKIStatus.REJECTION) {
                // the holder will not use it: no valid certificate must be left behind
                IssuedCertificate issued = registry.findBySerialNumber(transaction.serialNumber()).orElseThrow();
                registry.revoke(issued.serialNumber(), RevocationReason.CESSATION_OF_OPERATION.code(), now);
                audit.recordRevocation(issued.subjectDn(), issued.serialNumber(),
                        "cmp certConf rejection", protection.actor, null);
                crls.publish("certificate rejected in CMP certConf", protection.actor);
                transactions.finish(transactionId, CmpTransactions.State.REJECTED, now);
            } else {
                transactions.finish(transactionId, CmpTransactions.State.CONFIRMED, now);
            }
        });
        return answer(message.getHeader(), new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE));
    }

    private ProtectedPKIMessageBuilder revoke(PKIMessage message, Protection protection, String transactionId) {
        RevDetails[] details = RevReqContent.getInstance(message.getBody().getContent()).toRevDetailsArray();
        if (details.length != 1) {
            throw new CmpRefusal(PKIFailureInfo.badRequest, "exactly one certificate per revocation request");
        }
        CertTemplate template = details[0].getCertDetails();
        if (template.getSerialNumber() == null || template.getIssuer() == null) {
            throw new CmpRefusal(PKIFailureInfo.addInfoNotAvailable, "the issuer and serial number are required");
        }
        X500Name issuer = X500Name.getInstance(authority.issuingCertificate().getSubjectX500Principal().getEncoded());
        if (!issuer.equals(template.getIssuer())) {
            throw new CmpRefusal(PKIFailureInfo.badCertId, "not a certificate of this CA");
        }
        RevocationReason reason = reason(details[0].getCrlEntryDetails());
        String serial = template.getSerialNumber().getValue().toString(16);
        try {
            inTransaction.executeWithoutResult(tx -> {
                Instant now = clock.instant();
                transactions.start(transactionId, protection.actor, now);
                IssuedCertificate certificate = registry.findBySerialNumber(serial)
                        // an applicant's certificate is revoked by its own process, with a second person approving
                        .filter(found -> found.applicationId() == null)
                        .orElseThrow(() -> new CmpRefusal(PKIFailureInfo.badCertId,
                                "no certificate enrolled over CMP has this serial number"));
                if (certificate.revokedAt() != null) {
                    throw new CmpRefusal(PKIFailureInfo.certRevoked, "the certificate is revoked already");
                }
                registry.revoke(serial, reason.code(), now);
                audit.recordRevocation(certificate.subjectDn(), serial, "cmp rr (" + reason.name() + ")",
                        protection.actor, null);
                crls.publish("revocation over CMP", protection.actor);
                transactions.finish(transactionId, CmpTransactions.State.REVOKED, now);
            });
        } catch (DuplicateKeyException e) {
            throw new CmpRefusal(PKIFailureInfo.transactionIdInUse, "transactionID used before");
        }
        log.info("CMP: {} revoked certificate {} ({})", protection.actor, serial, reason);
        return answer(message.getHeader(), new PKIBody(PKIBody.TYPE_REVOCATION_REP,
                new RevRepContentBuilder().add(new PKIStatusInfo(PKIStatus.granted)).build()));
    }

    private static RevocationReason reason(Extensions entryDetails) {
        if (entryDetails == null || entryDetails.getExtension(Extension.reasonCode) == null) {
            return RevocationReason.UNSPECIFIED;
        }
        try {
            int code = ASN1Enumerated.getInstance(entryDetails.getExtension(Extension.reasonCode).getParsedValue())
                    .intValueExact();
            return RevocationReason.ofCode(code);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CmpRefusal(PKIFailureInfo.badRequest,
                    "reason codes taken: 0, 1, 3, 4, 5 (" + CRLReason.class.getSimpleName() + ")");
        }
    }

    // ---- answers ----------------------------------------------------------------------------------------------

    private ProtectedPKIMessageBuilder answer(PKIHeader request, PKIBody body) {
        byte[] nonce = new byte[MIN_ID_BYTES];
        random.nextBytes(nonce);
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(request.getPvno().intValueExact(),
                caName(), request.getSender())
                .setMessageTime(Date.from(clock.instant()))
                .setSenderNonce(nonce)
                .setBody(body);
        if (request.getTransactionID() != null) {
            builder.setTransactionID(request.getTransactionID().getOctets());
        }
        if (request.getSenderNonce() != null) {
            builder.setRecipNonce(request.getSenderNonce().getOctets());
        }
        return builder;
    }

    /**
     * An error message: protected like the request when its protection held, unprotected otherwise (the CA does
     * not MAC or sign an answer to a sender it could not authenticate).
     */
    private PKIMessage error(PKIHeader request, Protection protection, int failInfo, String reason) {
        PKIBody body = new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(new PKIStatusInfo(PKIStatus.rejection,
                new PKIFreeText(reason), new PKIFailureInfo(failInfo))));
        if (request == null) {
            return new PKIMessage(new PKIHeader(PKIHeader.CMP_2000, caName(), PKIHeader.NULL_NAME), body);
        }
        ProtectedPKIMessageBuilder builder = answer(request, body);
        if (protection != null) {
            return protection.protect(builder);
        }
        PKIHeaderBuilder header = new PKIHeaderBuilder(
                request.getPvno().intValueExact(), caName(), request.getSender());
        header.setMessageTime(new ASN1GeneralizedTime(Date.from(clock.instant())));
        header.setTransactionID(request.getTransactionID());
        header.setRecipNonce(request.getSenderNonce());
        byte[] nonce = new byte[MIN_ID_BYTES];
        random.nextBytes(nonce);
        header.setSenderNonce(nonce);
        return new PKIMessage(header.build(), body);
    }

    private GeneralName caName() {
        return new GeneralName(X500Name.getInstance(
                authority.issuingCertificate().getSubjectX500Principal().getEncoded()));
    }

    private static byte[] encode(PKIMessage message) {
        try {
            return message.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CMP message", e);
        }
    }

    private static String hex(ASN1OctetString value, String what) {
        if (value == null || value.getOctets().length < MIN_ID_BYTES || value.getOctets().length > 32) {
            throw new CmpRefusal(PKIFailureInfo.badRequest, what + " must have 16 to 32 octets");
        }
        return HexFormat.of().formatHex(value.getOctets());
    }

    private static PublicKey publicKey(SubjectPublicKeyInfo info) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException e) {
            throw new CmpRefusal(PKIFailureInfo.badCertTemplate, "unreadable public key");
        }
    }

    private static String sender(PKIMessage message) {
        return message.getHeader().getSender().getName().toString();
    }

    private static X509Certificate readCertificate(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("certflow.pki.cmp.ra-certificates: cannot read " + path, e);
        }
    }
}
