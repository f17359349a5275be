package org.certflow.pki;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * Writes PKCS#12 files. {@link Pkcs12Format#MODERN}: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the key bag
 * and the certificate safe, HMAC-SHA256 integrity. {@link Pkcs12Format#LEGACY}: 3DES (pbeWithSHAAnd3-KeyTripleDES-CBC)
 * and an HMAC-SHA1 MAC, for Windows Server 2016 and older and old macOS keychains. Both DER. BC's and the JDK's
 * PKCS12 keystore types would write weaker or differently shaped files, so the PDU is built directly.
 */
final class Pkcs12Writer {

    /** PBKDF2 and MAC iteration count of the modern format. */
    static final int ITERATIONS = 100_000;
    /** Iteration count of the legacy format: what the old clients it exists for expect. */
    static final int LEGACY_ITERATIONS = 2048;

    private static final AlgorithmIdentifier PRF_HMAC_SHA256 =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE);

    private Pkcs12Writer() {
    }

    /**
     * @param key          the private key
     * @param chain        end-entity certificate first, then its CA certificates
     * @param password     protects key, certificates and MAC
     * @param friendlyName alias shown by key stores
     */
    static byte[] build(PrivateKey key, List<X509Certificate> chain, char[] password, String friendlyName) {
        return build(key, chain, password, friendlyName, Pkcs12Format.MODERN);
    }

    static byte[] build(PrivateKey key, List<X509Certificate> chain, char[] password, String friendlyName,
                        Pkcs12Format format) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a PKCS#12 password is required");
        }
        if (friendlyName == null || friendlyName.isBlank()) {
            throw new IllegalArgumentException("a friendly name is required");
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the certificate chain is empty");
        }
        try {
            JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
            X509Certificate leaf = chain.get(0);
            DEROctetString localKeyId = new DEROctetString(
                    extensionUtils.createSubjectKeyIdentifier(leaf.getPublicKey()).getKeyIdentifier());
            DERBMPString name = new DERBMPString(friendlyName);

            List<PKCS12SafeBag> certificateBags = new ArrayList<>();
            PKCS12SafeBagBuilder leafBag = new JcaPKCS12SafeBagBuilder(leaf);
            leafBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name);
            leafBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
            certificateBags.add(leafBag.build());
            for (X509Certificate caCertificate : chain.subList(1, chain.size())) {
                certificateBags.add(new JcaPKCS12SafeBagBuilder(caCertificate).build());
            }

            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(password, format));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, name);
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(password, format), certificateBags.toArray(new PKCS12SafeBag[0]));
            pfx.addData(keyBag.build());

            boolean legacy = format == Pkcs12Format.LEGACY;
            JcePKCS12MacCalculatorBuilder mac = new JcePKCS12MacCalculatorBuilder(
                    legacy ? OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256)
                    .setProvider(CaSigner.BC)
                    .setIterationCount(legacy ? LEGACY_ITERATIONS : ITERATIONS);
            return pfx.build(mac, password).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | PKCSException | IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build PKCS#12", e);
        }
    }

    /** A fresh encryptor per use: each gets its own random salt and IV. */
    private static OutputEncryptor encryptor(char[] password, Pkcs12Format format) throws OperatorCreationException {
        if (format == Pkcs12Format.LEGACY) {
            return new JcePKCSPBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                    .setProvider(CaSigner.BC)
                    .setIterationCount(LEGACY_ITERATIONS)
                    .build(password);
        }
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(CaSigner.BC)
                .setPRF(PRF_HMAC_SHA256)
                .setIterationCount(ITERATIONS)
                .build(password);
    }
}
