package org.certflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.certflow.service.DeadlineProperties;
import org.certflow.service.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * An operator who changes a deadline changes what the mails and pages promise with it: the templates of the
 * service, rendered with other settings than the seed's, state those settings and none of the seed's figures.
 */
class ApplicantTermsTest {

    private static final ServiceProperties SERVICE = new ServiceProperties("MCCI電子証明書サービス", "松本商工会議所",
            "https://certs.example.jp", new ServiceProperties.Contact("松本商工会議所 証明書窓口", "0263-99-0001",
            "help@example.jp", "平日 10:00〜16:00"));

    /** A three-day link, reviews of about ten days, six weeks to pick up, the first expiry notice two months ahead. */
    private final ApplicantTerms terms = new ApplicantTerms(new DeadlineProperties(Duration.ofDays(3),
            Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(12), Duration.ofDays(10), Duration.ofDays(3),
            Duration.ofDays(1), Duration.ofHours(4), Period.ofDays(15),
            Period.ofDays(30), Period.ofDays(42), Period.ofMonths(2), Period.ofMonths(1), LocalTime.of(9, 0),
            ZoneId.of("Asia/Tokyo"), Duration.ofDays(14), Duration.ofDays(3)));

    @Test
    void mailsStateTheConfiguredPeriodsAndTheContact() {
        TemplateEngine mails = engine("", ".txt", TemplateMode.TEXT, new SpringTemplateEngine());
        Context model = new Context(Locale.JAPANESE, mailModel());

        assertThat(mails.process("mail/pickup", model)).contains("ダウンロード可能な期間は審査完了後6週間まで")
                .doesNotContain("30日");
        assertThat(mails.process("mail/review-completed", model)).contains("審査完了後6週間まで")
                .doesNotContain("発行しました");
        assertThat(mails.process("mail/invoice", model)).contains("審査には通常10日以上要します")
                .doesNotContain("1週間");
        assertThat(mails.process("mail/upload-link", model)).contains("4MB以内");
        assertThat(mails.process("mail/footer", model)).contains("お問い合わせ: 松本商工会議所 証明書窓口")
                .contains("電話: 0263-99-0001（平日 10:00〜16:00）").contains("メール: help@example.jp");
    }

    @Test
    void pagesStateTheConfiguredPeriodsAndTheContact() {
        SpringTemplateEngine pages = engine("templates/", ".html", TemplateMode.HTML, new SpringTemplateEngine());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/apply/sent");
        WebContext model = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, new MockHttpServletResponse()), Locale.JAPANESE,
                Map.of("service", SERVICE, "terms", terms));

        String page = pages.process("portal/provisional-sent", model);

        assertThat(page).contains("URLの有効期限は<span>3日</span>です")
                .contains("7. 審査（通常10日以上）")
                .contains("10. 電子証明書の発行とダウンロード（審査完了後6週間以内）")
                .doesNotContain("30日", "1週間", "7日間")
                .contains("松本商工会議所 証明書窓口", "href=\"tel:0263-99-0001\"", "平日 10:00〜16:00",
                        "href=\"mailto:help@example.jp\"");
    }

    private Map<String, Object> mailModel() {
        Map<String, Object> model = new HashMap<>();
        model.put("serviceName", SERVICE.serviceName());
        model.put("issuerName", SERVICE.issuerName());
        model.put("contact", SERVICE.contact());
        model.put("terms", terms);
        model.put("name", "山田 太郎");
        model.put("orderNumber", "PBJ10000001");
        model.put("documentName", "建築士免許証");
        model.put("qualification", "一級建築士");
        model.put("link", "https://certs.example.jp/link/x");
        model.put("linkExpiresAt", "2026年1月4日 9時00分");
        model.put("pickupUrl", "https://certs.example.jp/pickup");
        model.put("installHelpUrl", "https://certs.example.jp/pickup/install");
        model.put("lastDay", "2026年2月12日");
        model.put("invoiceNumber", "INV-2026-000001");
        model.put("totalAmount", "11,000");
        model.put("dueOn", "2026年1月31日");
        return model;
    }

    private static <E extends TemplateEngine> E engine(String prefix, String suffix, TemplateMode mode, E engine) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
