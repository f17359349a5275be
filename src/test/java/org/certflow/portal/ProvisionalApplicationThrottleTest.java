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
        assertThat(ProvisionalApplicationThrottle.mailbox("T.a.r.o.Yamada+x@GoogleMail.com"))
                .isEqualTo(ProvisionalApplicationThrottle.mailbox("taroyamada@gmail.com"))
                .isEqualTo("taroyamada@gmail.com");
        assertThat(ProvisionalApplicationThrottle.mailbox("taro.yamada@example.jp")).as("dots count elsewhere")
                .isEqualTo("taro.yamada@example.jp");
    }
}
