package org.certflow.certificate.cmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The endpoint is off unless switched on: a CA that was not configured for CMP answers no CMP message at all. */
class CmpControllerTest {

    @Test
    void theEndpointIsNotFoundWhileCmpIsOff() throws Exception {
        CmpProperties off = new CmpProperties(false, "", "certflow-ra", List.of(), 1, 65536);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", CmpController.PATH);
        request.setContentType("application/pkixcmp");
        request.setContent(new byte[] {0x30, 0x00});

        // no server behind it: while off, nothing may reach it
        assertThat(new CmpController(off, null).cmp(request).getStatusCode().value()).isEqualTo(404);
    }
}
