package org.certflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * What the session table holds: nothing readable, nothing alterable, nothing another key opens; and the keys every
 * node derives from the shared one.
 */
class EncryptedSessionAttributesTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 9);
    }

    private final EncryptedSessionAttributes attributes = attributes(KEY);

    @Test
    void aValueComesBackAsItWentIn() {
        assertThat(attributes.convert(write("K7Q2 M9PX 4TZA R8WN"), Object.class)).isEqualTo("K7Q2 M9PX 4TZA R8WN");
        assertThat(attributes.convert(write(42L), Object.class)).isEqualTo(42L);
    }

    @Test
    void theStoredBytesHoldNoTraceOfTheValueAndDifferEachTime() {
        String password = "K7Q2M9PX4TZAR8WN";
        byte[] first = write(password);
        byte[] second = write(password);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain(password);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void tamperedBytesOrAnotherKeyReadAsAbsent() {
        byte[] stored = write("K7Q2M9PX4TZAR8WN");
        byte[] tampered = stored.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(attributes.convert(tampered, Object.class)).isNull();
        assertThat(attributes(OTHER_KEY).convert(stored, Object.class)).isNull();
        assertThat(attributes.convert(new byte[3], Object.class)).isNull();
    }

    @Test
    void aKeyIsThirtyTwoBytesOfBase64AndNeverShown() {
        assertThat(new SessionProperties(Base64.getEncoder().encodeToString(KEY), false).encryptionKeyBytes()).isEqualTo(KEY);
        assertThat(new SessionProperties(null, true).hasEncryptionKey()).isFalse();
        assertThat(new SessionProperties(Base64.getEncoder().encodeToString(KEY), false).toString()).doesNotContain("Bwc");
    }

    @Test
    void withoutAKeyProductionRefusesToStartAndTheDefaultRunMakesOne() {
        assertThatThrownBy(() -> SessionSecrets.from(new SessionProperties("", false)))
                .hasMessageContaining("CERTFLOW_SESSION_ENCRYPTION_KEY");
        assertThat(SessionSecrets.from(new SessionProperties(null, true)).attributeKey().getEncoded()).hasSize(32);
    }

    @Test
    void sessionTokensAreTheSameForOneSessionOnEveryNodeAndDifferBetweenSessions() {
        SessionProperties shared = new SessionProperties(Base64.getEncoder().encodeToString(KEY), false);
        SessionSecrets nodeA = SessionSecrets.from(shared);
        SessionSecrets nodeB = SessionSecrets.from(shared);
        assertThat(nodeA.tokenFor("session-1")).isEqualTo(nodeB.tokenFor("session-1"))
                .isNotEqualTo(nodeA.tokenFor("session-2"));
        assertThat(SessionSecrets.from(new SessionProperties(Base64.getEncoder().encodeToString(OTHER_KEY), false))
                .tokenFor("session-1")).isNotEqualTo(nodeA.tokenFor("session-1"));
    }

    private byte[] write(Object value) {
        return attributes.convert(value, byte[].class);
    }

    private static EncryptedSessionAttributes attributes(byte[] key) {
        return new EncryptedSessionAttributes(new SecretKeySpec(key, "AES"),
                EncryptedSessionAttributesTest.class.getClassLoader());
    }
}
