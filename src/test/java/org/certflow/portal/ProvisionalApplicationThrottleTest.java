package org.certflow.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvisionalApplicationThrottleTest {

    @Test
    void spellingsOfOneMailboxCountAsOneRecipient() {
        assertThat(ProvisionalApplicationThrottle.mailbox("Taro.Yamada+certflow@Example.JP"))
                .isEqualTo(ProvisionalApplicationThrottle.mailbox("taro.yamada@example.jp"))
                .isEqualTo(ProvisionalApplicationThrottle.mailbox("ｔａｒｏ.yamada+2@example.jp"))
                .isEqualTo("taro.yamada@example.jp");
        assertThat(ProvisionalApplicationThrottle.mailbox("+only@example.jp")).isEqualTo("+only@example.jp");
    }
}
