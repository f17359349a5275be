package org.certflow.session;

import javax.crypto.SecretKey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;

/**
 * How a session attribute becomes the bytes in {@code spring_session_attributes} and back: Java serialization,
 * then AES-256-GCM with a random IV, so the database holds nothing readable and nothing that can be altered
 * unnoticed; as the tag is checked before anything is deserialized, only what a node wrote is ever deserialized,
 * never bytes somebody put into the table. A value that cannot be opened (another key, a changed class, tampered bytes) reads as absent: the
 * applicant sees the "session expired" page, staff log in again.
 */
final class EncryptedSessionAttributes extends GenericConversionService {

    private static final Logger log = LoggerFactory.getLogger(EncryptedSessionAttributes.class);
    private static final int IV_BYTES = 16;

    EncryptedSessionAttributes(SecretKey key, ClassLoader classLoader) {
        BytesEncryptor cipher = new AesBytesEncryptor(key, KeyGenerators.secureRandom(IV_BYTES),
                AesBytesEncryptor.CipherAlgorithm.GCM);
        SerializingConverter serialize = new SerializingConverter();
        DeserializingConverter deserialize = new DeserializingConverter(classLoader);
        addConverter(Object.class, byte[].class, value -> cipher.encrypt(serialize.convert(value)));
        addConverter(byte[].class, Object.class, stored -> {
            try {
                return deserialize.convert(cipher.decrypt(stored));
            } catch (RuntimeException unreadable) {
                log.info("A stored session attribute could not be opened and is treated as absent: {}",
                        unreadable.getClass().getSimpleName());
                return null;
            }
        });
    }
}
