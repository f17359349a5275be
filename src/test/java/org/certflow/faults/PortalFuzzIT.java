package org.certflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.certflow.application.LicenceImageCheck;
import org.certflow.service.ProcessConstants;
import org.certflow.support.CertflowTest;
import org.certflow.support.ProcessDriver;
import org.certflow.support.ReceivedMails;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The portal fed malformed and hostile input for a while: odd Unicode and bytes that are not UTF-8 in every
 * field, broken multipart bodies and licence images, made-up and reused links, old CSRF tokens, replayed and
 * reordered posts, garbage for OCSP. Every answer must be below 500, nothing the server refused may change its
 * data, no request may log a stack trace, and afterwards every application must stand where its process does.
 * <p>
 * {@code -Dcertflow.fuzz.seconds} sets how long it runs (20 s by default), {@code -Dcertflow.fuzz.seed} replays
 * a run whose seed a failure printed.
 */
@CertflowTest
class PortalFuzzIT {

    private static final String DOMAIN = "fuzz.example.jp";
    private static final List<String> DETAIL_FIELDS = List.of("familyName", "firstName", "familyNameKana",
            "firstNameKana", "familyNameRomaji", "firstNameRomaji", "dateOfBirth", "officeName", "phone", "postalCode",
            "address", "registrationNumber", "validityYears", "chamberMember");

    @LocalServerPort
    int port;
    @Autowired
    GreenMail greenMail;
    @Autowired
    ProcessDriver driver;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RuntimeService runtimeService;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<Applicant> applicants = new ArrayList<>();
    private final List<Sent> sentPosts = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<Integer, Long> millisPerKind = new TreeMap<>();
    private final List<String> staleTokens = new ArrayList<>();
    private FuzzInput input;
    private long seed;
    private int step;
    private String action = "";

    /** An applicant the fuzzer brought through the provisional application, with the mailed link. */
    private record Applicant(FuzzBrowser browser, long id, String token) {
    }

    /** A post as sent, to be sent again later: a replay with whatever token and session it carried. */
    private record Sent(FuzzBrowser browser, String path, String contentType, byte[] body) {
    }

    @BeforeEach
    void listenForStackTraces() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
    }

    /**
     * The fuzzer's wrong pickup passwords and provisional applications lock this machine's address out, as they
     * should; the tests that share this context after it start with clean counts.
     */
    @AfterEach
    void forgetTheThrottlesCounts() {
        jdbc.sql("delete from throttle").update();
    }

    @Test
    void portalAnswersHostileInputWithoutErrorsAndStoresNothingItRefused() {
        seed = Long.getLong("certflow.fuzz.seed", new SecureRandom().nextLong());
        Duration duration = Duration.ofSeconds(Long.getLong("certflow.fuzz.seconds", 20));
        System.out.println("PortalFuzzIT: seed " + seed + " for " + duration.toSeconds()
                + " s (replay with -Dcertflow.fuzz.seed=" + seed + ")");
        input = new FuzzInput(new Random(seed));
        long firstId = jdbc.sql("select coalesce(max(id), 0) from application").query(Long.class).single() + 1;
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            step++;
            fuzzOnce();
        }
        driver.runDueJobs();
        System.out.println("PortalFuzzIT: " + step + " steps, " + applicants.size() + " applicants, statuses "
                + statuses + ", ms per kind " + millisPerKind);
        assertThat(logged.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(event -> event.getFormattedMessage() + " " + event.getThrowableProxy()))
                .as("errors logged while fuzzing (seed %d)", seed).isEmpty();
        assertEveryApplicationStandsWhereItsProcessDoes(firstId);
    }

    private void fuzzOnce() {
        Snapshot before = snapshot();
        int kind = input.below(10);
        long started = System.nanoTime();
        boolean accepted = switch (kind) {
            case 0 -> applyProvisionally();
            case 1 -> applicants.size() < 8 || input.chance(5) ? newApplicant() : fillInForm();
            case 2 -> useLink();
            case 3, 4 -> fillInForm();
            case 5 -> confirmAndSubmit();
            case 6 -> pickUp();
            case 7 -> ocsp();
            case 8 -> brokenEncodings();
            default -> replay();
        };
        millisPerKind.merge(kind, (System.nanoTime() - started) / 1_000_000, Long::sum);
        if (!accepted) {
            Snapshot after = snapshot();
            if (!after.equals(before)) {
                fail("seed %d step %d: %s was refused but changed stored data:%nbefore %s%nafter  %s", seed, step,
                        action, before, after);
            }
        }
    }

    // --- the steps of the portal, with and without their prerequisites ---

    private boolean applyProvisionally() {
        FuzzBrowser browser = new FuzzBrowser(port);
        check("GET /", browser.get("/"));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        String email = input.chance(50) ? "a" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN
                : input.oddText();
        maybeAdd(fields, "obligationsAccepted", input.chance(70) ? "true" : input.oddText());
        maybeAdd(fields, "privacyNoticeAccepted", input.chance(70) ? "true" : input.oddText());
        maybeAdd(fields, "email", email);
        maybeAdd(fields, "emailConfirmation", input.chance(60) ? email : input.oddText());
        maybeAdd(fields, "qualification", input.chance(60) ? "FIRST_CLASS_ARCHITECT" : input.oddText());
        maybeAdd(fields, "_csrf", input.chance(85) ? browser.csrf() : staleOrOdd());
        return accepted(post(browser, "/apply", fields));
    }

    private boolean newApplicant() {
        FuzzBrowser browser = new FuzzBrowser(port);
        check("GET /", browser.get("/"));
        String email = "n" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN;
        FuzzBrowser.Answer answer = post(browser, "/apply", List.of(Map.entry("obligationsAccepted", "true"), Map.entry("privacyNoticeAccepted", "true"),
                Map.entry("email", email), Map.entry("emailConfirmation", email),
                Map.entry("qualification", "FIRST_CLASS_ARCHITECT"), Map.entry("_csrf", browser.csrf())));
        if (answer.status() != 302) {
            return false;
        }
        driver.runDueJobs();
        long id = jdbc.sql("select id from application where email = :email").param("email", email)
                .query(Long.class).single();
        String link = ReceivedMails.firstLink(ReceivedMails.to(greenMail, email).get(0));
        applicants.add(new Applicant(browser, id, link.substring(link.indexOf("/link/") + "/link/".length())));
        return true;
    }

    private boolean useLink() {
        Applicant applicant = applicant();
        String token = applicant == null || input.chance(40) ? mutatedToken(applicant) : applicant.token();
        FuzzBrowser browser = applicant == null || input.chance(20) ? new FuzzBrowser(port) : applicant.browser();
        if (input.chance(50)) {
            check("GET /link/…", browser.get("/link/" + token));
        }
        if (input.chance(70)) {
            post(browser, "/link/" + token, input.chance(80) ? csrfOnly(browser) : List.of());
        }
        return false;
    }

    private boolean fillInForm() {
        Applicant applicant = applicant();
        if (applicant == null) {
            return newApplicant();
        }
        FuzzBrowser browser = applicant.browser();
        if (input.chance(80)) {
            check("GET /application", browser.get("/application"));
        }
        // now and then the form as a careful applicant sends it, so that applications get further along
        boolean careful = input.chance(25);
        List<FuzzBrowser.Part> parts = new ArrayList<>();
        for (String field : DETAIL_FIELDS) {
            int how = careful ? 0 : input.below(10);
            if (how < 6) {
                parts.add(FuzzBrowser.Part.field(field, FuzzInput.GOOD_DETAILS.get(field)));
            } else if (how < 8) {
                parts.add(FuzzBrowser.Part.field(field, input.oddText()));
            } else if (how == 8) {
                parts.add(new FuzzBrowser.Part(field, null, null, input.invalidUtf8()));
            } else if (input.chance(50)) {
                parts.add(FuzzBrowser.Part.field(field, FuzzInput.GOOD_DETAILS.get(field)));
                parts.add(FuzzBrowser.Part.field(field, input.oddText()));
            }
        }
        if (careful || input.chance(85)) {
            parts.add(FuzzBrowser.Part.field("_csrf", careful || input.chance(85) && browser.csrf() != null
                    ? String.valueOf(browser.csrf()) : staleOrOdd()));
        }
        if (careful) {
            parts.add(new FuzzBrowser.Part("licenceImage", "licence.png", "image/png", input.goodPng()));
        }
        for (int i = 0, n = careful ? 0 : input.chance(85) ? 1 : input.below(4); i < n; i++) {
            boolean honest = input.chance(60);
            parts.add(new FuzzBrowser.Part("licenceImage", honest ? "licence.png" : input.fileName(),
                    honest ? "image/png" : input.imageContentType(), input.image()));
        }
        if (!careful && input.chance(5)) {
            for (int i = 0, n = 20 + input.below(2_000); i < n; i++) {
                parts.add(FuzzBrowser.Part.field("extra" + i, "x"));
            }
        }
        java.util.Collections.shuffle(parts, new Random(input.below(Integer.MAX_VALUE)));
        String boundary = "----fuzz" + UUID.randomUUID();
        int shape = careful ? 20 : input.below(20);
        String contentType = switch (shape) {
            case 0 -> "multipart/form-data";
            case 1 -> "multipart/form-data; boundary=";
            case 2 -> "multipart/form-data; boundary=other";
            case 3 -> "application/x-www-form-urlencoded";
            case 4 -> "multipart/mixed; boundary=" + boundary;
            default -> "multipart/form-data; boundary=" + boundary;
        };
        byte[] body = FuzzBrowser.multipartBody(boundary, parts, shape != 5);
        if (shape == 6) {
            body = Arrays.copyOf(body, input.below(body.length + 1));
        }
        action = "POST /application (" + contentType + ", " + parts.size() + " parts, " + body.length + " bytes)";
        FuzzBrowser.Answer answer = browser.post("/application", contentType, body);
        sentPosts.add(new Sent(browser, "/application", contentType, body));
        checkAllowingCutOff(answer, body.length > 11 * 1024 * 1024);
        return accepted(answer);
    }

    private boolean confirmAndSubmit() {
        Applicant applicant = applicant();
        if (applicant == null) {
            return false;
        }
        FuzzBrowser browser = input.chance(90) ? applicant.browser() : new FuzzBrowser(port);
        if (input.chance(30)) {
            check("GET /application/confirm", browser.get("/application/confirm"));
            check("GET letter", browser.get("/application/distribution-letter.pdf"));
            check("GET /application/confirm", browser.get("/application/confirm"));
            return input.chance(50) ? doubleClick(browser)
                    : submitted(post(browser, "/application/submit", csrfOnly(browser)));
        }
        boolean accepted = false;
        for (int i = 0, n = 1 + input.below(4); i < n; i++) {
            switch (input.below(4)) {
                case 0 -> check("GET /application/confirm", browser.get("/application/confirm"));
                case 1 -> check("GET letter", browser.get("/application/distribution-letter.pdf"));
                case 2 -> check("GET licence image", browser.get("/application/licence-image"));
                default -> {
                    FuzzBrowser.Answer answer = post(browser, "/application/submit",
                            input.chance(85) ? csrfOnly(browser) : List.of(Map.entry("_csrf", staleOrOdd())));
                    accepted |= answer.status() == 302 && answer.location() != null
                            && answer.location().contains("submitted");
                }
            }
        }
        return accepted;
    }

    /** The submit button pressed twice at once: both posts race through the same session. */
    private boolean doubleClick(FuzzBrowser browser) {
        List<Map.Entry<String, String>> fields = csrfOnly(browser);
        action = "two POST /application/submit at once";
        List<java.util.concurrent.CompletableFuture<FuzzBrowser.Answer>> clicks = List.of(
                java.util.concurrent.CompletableFuture.supplyAsync(() -> browser.form("/application/submit", fields)),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> browser.form("/application/submit", fields)));
        boolean accepted = false;
        for (java.util.concurrent.CompletableFuture<FuzzBrowser.Answer> click : clicks) {
            FuzzBrowser.Answer answer = click.join();
            check(action, answer);
            accepted |= submitted(answer);
        }
        return accepted;
    }

    private static boolean submitted(FuzzBrowser.Answer answer) {
        return answer.status() == 302 && answer.location() != null && answer.location().contains("submitted");
    }

    /** Whether the portal took the post: the redirects that follow a stored provisional application, form or submission. */
    private static boolean accepted(FuzzBrowser.Answer answer) {
        return answer.status() == 302 && answer.location() != null && (answer.location().endsWith("/apply/sent")
                || answer.location().endsWith("/application/confirm") || answer.location().endsWith("submitted"));
    }

    private boolean pickUp() {
        FuzzBrowser browser = input.chance(50) || applicants.isEmpty() ? new FuzzBrowser(port) : applicant().browser();
        switch (input.below(4)) {
            case 0 -> check("GET /pickup/pin", browser.get("/pickup/pin"));
            case 1 -> post(browser, "/pickup/certificate", List.of(Map.entry("pin", input.oddText()),
                    Map.entry("pinConfirmation", input.oddText()), Map.entry("format", input.oddText()),
                    Map.entry("_csrf", String.valueOf(browser.csrf()))));
            default -> {
                check("GET /pickup", browser.get("/pickup"));
                List<Map.Entry<String, String>> fields = new ArrayList<>();
                maybeAdd(fields, "orderNumber", input.chance(50) ? "PBJ" + (10_000_000 + input.below(90_000_000))
                        : input.oddText());
                maybeAdd(fields, "password", input.oddText());
                maybeAdd(fields, "_csrf", input.chance(85) ? browser.csrf() : staleOrOdd());
                post(browser, "/pickup", fields);
                if (input.chance(50)) {
                    post(browser, "/pickup/certificate", List.of(Map.entry("pin", "correct-horse-9"),
                            Map.entry("pinConfirmation", "correct-horse-9"), Map.entry("_csrf",
                                    String.valueOf(browser.csrf()))));
                }
            }
        }
        return false;
    }

    private boolean ocsp() {
        FuzzBrowser browser = new FuzzBrowser(port);
        byte[] garbage = input.randomBytes(input.chance(5) ? 200_000 : input.below(600));
        if (input.chance(30) && garbage.length > 2) {
            garbage[0] = 0x30;
            garbage[1] = (byte) 0x82;
        }
        switch (input.below(5)) {
            case 0 -> check("POST /pki/ocsp", browser.post("/pki/ocsp", "application/ocsp-request", garbage));
            case 1 -> check("POST /pki/ocsp other type", browser.post("/pki/ocsp", input.imageContentType(), garbage));
            case 2 -> check("GET /pki/ocsp/base64", browser.get("/pki/ocsp/" + java.net.URLEncoder.encode(
                    java.util.Base64.getEncoder().encodeToString(garbage), StandardCharsets.US_ASCII)));
            case 3 -> check("GET /pki/ocsp raw", browser.raw("GET",
                    ("/pki/ocsp/" + input.brokenPercent() + "MEkw" + input.brokenPercent()).getBytes(
                            StandardCharsets.US_ASCII), null, null), true);
            default -> check("GET /pki/crl", browser.get("/pki/crl"));
        }
        return false;
    }

    /** Request lines and form bodies that are not valid percent-encoding or not UTF-8. */
    private boolean brokenEncodings() {
        Applicant applicant = applicant();
        FuzzBrowser browser = applicant == null || input.chance(30) ? new FuzzBrowser(port) : applicant.browser();
        String path = input.oneOf(List.of("/", "/link/", "/application", "/application/confirm", "/pickup",
                "/apply", "/pickup/pin", "/application/distribution-letter.pdf"));
        byte[] target = switch (input.below(3)) {
            case 0 -> (path + input.brokenPercent()).getBytes(StandardCharsets.US_ASCII);
            case 1 -> concat(path.getBytes(StandardCharsets.US_ASCII), input.invalidUtf8());
            default -> (path + "?" + input.brokenPercent() + "=" + input.brokenPercent())
                    .getBytes(StandardCharsets.US_ASCII);
        };
        if (input.chance(50)) {
            action = "raw GET " + new String(target, StandardCharsets.ISO_8859_1);
            check(action, browser.raw("GET", target, null, null), true);
            return false;
        }
        check("GET form page", browser.get(input.oneOf(List.of("/", "/pickup", "/application"))));
        String csrf = String.valueOf(browser.csrf());
        byte[] body = concat(("_csrf=" + csrf + "&email=").getBytes(StandardCharsets.US_ASCII),
                input.chance(50) ? input.invalidUtf8() : input.brokenPercent().getBytes(StandardCharsets.US_ASCII),
                ("&orderNumber=" + input.brokenPercent() + "&password=").getBytes(StandardCharsets.US_ASCII),
                input.invalidUtf8(), ("&familyName=").getBytes(StandardCharsets.US_ASCII), input.invalidUtf8());
        String postPath = input.oneOf(List.of("/apply", "/pickup", "/application", "/application/submit",
                "/pickup/certificate"));
        String contentType = input.oneOf(List.of("application/x-www-form-urlencoded",
                "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded; charset=bogus",
                "application/x-www-form-urlencoded; charset=Shift_JIS"));
        action = "raw POST " + postPath + " " + contentType;
        FuzzBrowser.Answer answer = browser.raw("POST", postPath.getBytes(StandardCharsets.US_ASCII), contentType,
                body);
        check(action, answer, true);
        return accepted(answer);
    }

    /** An earlier post sent again, from its own session or another one: old tokens, moved-on sessions. */
    private boolean replay() {
        if (sentPosts.isEmpty()) {
            return false;
        }
        Sent sent = input.oneOf(sentPosts);
        FuzzBrowser browser = input.chance(70) || applicants.isEmpty() ? sent.browser() : applicant().browser();
        action = "replayed POST " + sent.path() + " (" + sent.body().length + " bytes)";
        FuzzBrowser.Answer answer = browser.post(sent.path(), sent.contentType(), sent.body());
        checkAllowingCutOff(answer, sent.body().length > 11 * 1024 * 1024);
        return accepted(answer);
    }

    // --- what must hold ---

    /** certflow's tables and the engine agree on every application the fuzzer created. */
    private void assertEveryApplicationStandsWhereItsProcessDoes(long firstId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                select a.id, a.order_number, a.status, a.email, a.family_name, a.first_name, a.family_name_kana,
                       a.first_name_kana, a.family_name_romaji, a.first_name_romaji, a.date_of_birth, a.phone,
                       a.postal_code, a.address, a.registration_number, a.submitted_at, a.pickup_password_hash,
                       (select count(*) from licence_image i where i.application_id = a.id) images,
                       (select count(*) from mail_log m where m.application_id = a.id) mails,
                       (select count(*) from one_time_link l where l.application_id = a.id and l.revoked_at is null)
                           live_links
                from application a where a.id >= :first order by a.id
                """).param("first", firstId).query().listOfRows();
        assertThat(rows).as("applications created while fuzzing").isNotEmpty();
        System.out.println("PortalFuzzIT: applications by status " + rows.stream().collect(
                java.util.stream.Collectors.groupingBy(row -> row.get("STATUS"), TreeMap::new,
                        java.util.stream.Collectors.counting())));
        for (Map<String, Object> row : rows) {
            String context = "seed " + seed + ", application " + row;
            String status = (String) row.get("STATUS");
            List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                    .processInstanceBusinessKey((String) row.get("ORDER_NUMBER")).list();
            assertThat(instances).as(context).hasSize(1);
            List<String> waitingAt = runtimeService.getActiveActivityIds(instances.get(0).getId());
            boolean hasDetails = row.get("FAMILY_NAME") != null;
            if (hasDetails) {
                assertThat(Arrays.asList(row.get("FIRST_NAME"), row.get("FAMILY_NAME_KANA"),
                        row.get("FIRST_NAME_KANA"), row.get("FAMILY_NAME_ROMAJI"), row.get("FIRST_NAME_ROMAJI"),
                        row.get("DATE_OF_BIRTH"), row.get("PHONE"), row.get("POSTAL_CODE"), row.get("ADDRESS"),
                        row.get("REGISTRATION_NUMBER"))).as("no half-stored details: " + context)
                        .doesNotContainNull();
            }
            long mails = ((Number) row.get("MAILS")).longValue();
            long mailsToAddress = jdbc.sql("select count(*) from mail_log where recipient = :email")
                    .param("email", row.get("EMAIL")).query(Long.class).single();
            assertThat(ReceivedMails.to(greenMail, (String) row.get("EMAIL")))
                    .as("every logged mail to the address was delivered once: " + context)
                    .hasSize((int) mailsToAddress);
            switch (status) {
                case "AWAITING_MAIN_APPLICATION" -> {
                    assertThat(waitingAt).as(context).containsExactly("WaitForMainApplication");
                    assertThat(row.get("SUBMITTED_AT")).as(context).isNull();
                    assertThat(row.get("PICKUP_PASSWORD_HASH")).as(context).isNull();
                    assertThat(mails).as("only the upload link mail: " + context).isEqualTo(1);
                    assertThat(((Number) row.get("LIVE_LINKS")).longValue()).as(context).isEqualTo(1);
                }
                case "AWAITING_PAYMENT" -> {
                    assertThat(waitingAt).as(context).contains("ConfirmPayment");
                    assertThat(hasDetails).as(context).isTrue();
                    assertThat(((Number) row.get("IMAGES")).longValue()).as(context).isEqualTo(1);
                    assertThat(row.get("SUBMITTED_AT")).as(context).isNotNull();
                    assertThat(row.get("PICKUP_PASSWORD_HASH")).as(context).isNotNull();
                    assertThat(mails).as("upload link, registration confirmation, invoice: " + context)
                            .isEqualTo(3);
                    assertThat(((Number) row.get("LIVE_LINKS")).longValue()).as(context).isZero();
                }
                default -> fail("an application the portal alone cannot bring to %s: %s", status, context);
            }
        }
        assertThat(jdbc.sql("select max(size_bytes) from licence_image where application_id >= :first")
                .param("first", firstId).query(Integer.class).optional().orElse(0))
                .isLessThanOrEqualTo(LicenceImageCheck.MAX_BYTES);
    }

    /** What a refused request must leave as it was: certflow's rows and the engine's instances. */
    private record Snapshot(List<Map<String, Object>> applications, List<Map<String, Object>> images,
                            long links, long mails, long instances) {
    }

    private Snapshot snapshot() {
        return new Snapshot(
                jdbc.sql("select id, status, revision, updated_at, submitted_at, pickup_password_hash from application"
                        + " order by id").query().listOfRows(),
                jdbc.sql("select application_id, size_bytes, width, height, uploaded_at from licence_image"
                        + " order by application_id").query().listOfRows(),
                jdbc.sql("select count(*) from one_time_link where revoked_at is null").query(Long.class).single(),
                jdbc.sql("select count(*) from mail_log").query(Long.class).single(),
                runtimeService.createProcessInstanceQuery().count());
    }

    // --- helpers ---

    private FuzzBrowser.Answer post(FuzzBrowser browser, String path, List<Map.Entry<String, String>> fields) {
        action = "POST " + path + " " + abbreviated(fields.toString());
        FuzzBrowser.Answer answer = browser.form(path, fields);
        String body = String.join("&", fields.stream().map(field -> java.net.URLEncoder.encode(field.getKey(),
                StandardCharsets.UTF_8) + "=" + java.net.URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .toList());
        sentPosts.add(new Sent(browser, path, "application/x-www-form-urlencoded",
                body.getBytes(StandardCharsets.UTF_8)));
        if (sentPosts.size() > 200) {
            sentPosts.remove(0);
        }
        String csrf = browser.csrf();
        if (csrf != null && staleTokens.size() < 100) {
            staleTokens.add(csrf);
        }
        check(action, answer);
        return answer;
    }

    private void check(String what, FuzzBrowser.Answer answer) {
        check(what, answer, false);
    }

    private void check(String what, FuzzBrowser.Answer answer, boolean mayBeCutOff) {
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() >= 500 || (answer.status() == 0 && !mayBeCutOff)) {
            fail("seed %d step %d: %s answered %d:%n%s", seed, step, abbreviated(what), answer.status(),
                    abbreviated(answer.body()));
        }
    }

    private void checkAllowingCutOff(FuzzBrowser.Answer answer, boolean tooLargeToRead) {
        check(action, answer, tooLargeToRead);
    }

    private Applicant applicant() {
        return applicants.isEmpty() ? null : input.oneOf(applicants);
    }

    private String mutatedToken(Applicant applicant) {
        String token = applicant == null ? "x".repeat(43) : applicant.token();
        return switch (input.below(5)) {
            case 0 -> token.substring(0, input.below(token.length()));
            case 1 -> token + "A";
            case 2 -> java.net.URLEncoder.encode(input.oddText(), StandardCharsets.UTF_8);
            case 3 -> java.net.URLEncoder.encode(token.substring(0, 20) + input.randomCodePoints(30),
                    StandardCharsets.UTF_8);
            default -> "A".repeat(input.chance(50) ? 43 : 5_000);
        };
    }

    private List<Map.Entry<String, String>> csrfOnly(FuzzBrowser browser) {
        return List.of(Map.entry("_csrf", browser.csrf() != null ? browser.csrf() : staleOrOdd()));
    }

    private String staleOrOdd() {
        return staleTokens.isEmpty() || input.chance(30) ? input.oddText() : input.oneOf(staleTokens);
    }

    private void maybeAdd(List<Map.Entry<String, String>> fields, String name, String value) {
        if (value == null || input.chance(10)) {
            return;
        }
        fields.add(Map.entry(name, value));
        if (input.chance(10)) {
            fields.add(Map.entry(name, input.oddText()));
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
}
