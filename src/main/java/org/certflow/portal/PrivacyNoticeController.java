package org.certflow.portal;

import org.certflow.privacy.PrivacyNotice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The privacy notice (個人情報の取扱い): public, linked from every form and every page's footer. */
@Controller
class PrivacyNoticeController {

    private final PrivacyNotice notice;

    PrivacyNoticeController(PrivacyNotice notice) {
        this.notice = notice;
    }

    @GetMapping("/privacy")
    String notice(Model model) {
        model.addAttribute("notice", notice);
        return "portal/privacy";
    }
}
