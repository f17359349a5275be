package org.certflow.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PickupPasswordsTest {

    @Test
    void passwordsAvoidLookAlikesAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = PickupPasswords.generate();
            assertThat(password).hasSize(16).doesNotContainPattern("[01OIL]");
            assertThat(seen.add(password)).isTrue();
        }
    }

    @Test
    void typedPasswordsIgnoreCaseSeparatorsAndFullWidth() {
        assertThat(PickupPasswords.normalise("ab2c-DE3F ｇｈ４ｊ")).isEqualTo("AB2CDE3FGH4J");
    }
}
