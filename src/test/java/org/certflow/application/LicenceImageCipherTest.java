package org.certflow.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

import org.certflow.application.LicenceImageCipher.Sealed;
import org.certflow.application.LicenceImageCipher.UnreadableImageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an insider with write access to {@code licence_image} could try, refused by the cipher alone. */
class LicenceImageCipherTest {

    static final String KEY_A = "a:kfC0Vs0YHq7b0jN1t3kG6y1lJx9m8W2qM3p4aRzS5uE=";
    static final String KEY_B = "b:Qm9vdHN0cmFwLWtleS1mb3ItdGVzdHMtb25seSEhISE=";
    private static final byte[] JPEG = "\u00ff\u00d8\u00ff\u00e0 a licence photo".getBytes(StandardCharsets.ISO_8859_1);

    static LicenceImageCipher cipher(String keys, String current) {
        return new LicenceImageCipher(new DataProtectionKeys(new DataProtectionProperties(keys, current, false,
                Path.of("unused"), Duration.ofSeconds(10), 20)));
    }

    @Test
    void anImageComesBackAsItWasAndIsNotStoredInPlain() {
        LicenceImageCipher cipher = cipher(KEY_A, "a");
        Sealed sealed = cipher.seal(7, "image/jpeg", JPEG);

        assertThat(sealed.keyId()).isEqualTo("a");
        assertThat(sealed.bytes()).hasSize(12 + JPEG.length + 16);
        assertThat(indexOf(sealed.bytes(), Arrays.copyOf(JPEG, 4))).isNegative();
        assertThat(cipher.open(7, "image/jpeg", "a", sealed.bytes())).isEqualTo(JPEG);
        assertThat(cipher.seal(7, "image/jpeg", JPEG).bytes()).as("a fresh nonce per write")
                .isNotEqualTo(sealed.bytes());
    }

    @Test
    void changedBytesOrNonceAreRefused() {
        LicenceImageCipher cipher = cipher(KEY_A, "a");
        byte[] sealed = cipher.seal(7, "image/jpeg", JPEG).bytes();

        byte[] nonce = sealed.clone();
        nonce[0] ^= 1;
        byte[] content = sealed.clone();
        content[20] ^= 1;
        byte[] tag = sealed.clone();
        tag[tag.length - 1] ^= 1;
        for (byte[] tampered : new byte[][] {nonce, content, tag, Arrays.copyOf(sealed, 20)}) {
            assertThatThrownBy(() -> cipher.open(7, "image/jpeg", "a", tampered))
                    .isInstanceOf(UnreadableImageException.class)
                    .hasMessageContaining("application 7").hasMessageContaining("was changed");
        }
    }

    @Test
    void anImageMovedToAnotherApplicationOrRelabelledDoesNotOpen() {
        LicenceImageCipher cipher = cipher(KEY_A, "a");
        byte[] sealed = cipher.seal(7, "image/jpeg", JPEG).bytes();

        assertThatThrownBy(() -> cipher.open(8, "image/jpeg", "a", sealed))
                .isInstanceOf(UnreadableImageException.class).hasMessageContaining("another application");
        assertThatThrownBy(() -> cipher.open(7, "image/png", "a", sealed))
                .isInstanceOf(UnreadableImageException.class);
    }

    @Test
    void aKeyNotInTheSettingsIsNamed() {
        byte[] sealed = cipher(KEY_A + "," + KEY_B, "b").seal(7, "image/jpeg", JPEG).bytes();

        assertThatThrownBy(() -> cipher(KEY_A, "a").open(7, "image/jpeg", "b", sealed))
                .isInstanceOf(UnreadableImageException.class)
                .hasMessage("the licence image of application 7 is encrypted with the data protection key 'b', which "
                        + "certflow.data-protection.keys does not hold");
        assertThatThrownBy(() -> cipher(KEY_A + "," + KEY_B, "b").open(7, "image/jpeg", "a", sealed))
                .as("another key's id on the row").isInstanceOf(UnreadableImageException.class);
        assertThat(cipher(KEY_B + "," + KEY_A, "a").open(7, "image/jpeg", "b", sealed)).isEqualTo(JPEG);
    }

    @Test
    void theDefaultRunMakesOneKeyReadableByItsOwnerAndKeepsIt(@TempDir Path data) throws Exception {
        Path file = data.resolve("data/data-protection.key");
        DataProtectionProperties properties = new DataProtectionProperties(null, null, true, file,
                Duration.ofSeconds(10), 20);
        LicenceImageCipher first = new LicenceImageCipher(new DataProtectionKeys(properties));
        byte[] sealed = first.seal(7, "image/jpeg", JPEG).bytes();

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        LicenceImageCipher afterRestart = new LicenceImageCipher(new DataProtectionKeys(properties));
        assertThat(afterRestart.currentKeyId()).isEqualTo(first.currentKeyId()).startsWith("local-");
        assertThat(afterRestart.open(7, "image/jpeg", afterRestart.currentKeyId(), sealed)).isEqualTo(JPEG);
    }

    @Test
    void withoutKeysAndWithoutGeneratingOneTheStartIsRefusedNamingTheVariable(@TempDir Path data) {
        assertThatThrownBy(() -> new DataProtectionKeys(new DataProtectionProperties(" ", null, false,
                data.resolve("key"), Duration.ofSeconds(10), 20)))
                .hasMessageContaining("CERTFLOW_DATA_PROTECTION_KEYS");
        assertThat(data.resolve("key")).doesNotExist();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
