package org.certflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.certflow.support.CertflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Staff passwords as an attacker who got hold of the user table, or who tries a weak password, would meet them:
 * Argon2id hashes (not one round of SHA-512), and the engine's password policy on every way a password is set.
 */
@CertflowTest
class StaffPasswordTest {

    private static final String ARGON2ID = "\\{ARGON2ID}\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired StaffSetup staff;
    @Autowired JdbcClient jdbc;

    @Test
    void aSavedPasswordIsStoredAsAnArgon2idHashAndLogsInOverTheRestApi() throws Exception {
        User user = identityService.newUser("hash-check");
        user.setFirstName("確認");
        user.setLastName("ハッシュ");
        user.setPassword("Kakunin-2026!x");
        identityService.saveUser(user);

        assertThat(storedHash("hash-check")).matches(ARGON2ID);
        assertThat(get("/engine-rest/user/hash-check/profile", "hash-check", "Kakunin-2026!x").statusCode())
                .isEqualTo(200);
        assertThat(get("/engine-rest/user/hash-check/profile", "hash-check", "Kakunin-2026!y").statusCode())
                .isEqualTo(401);

        String demoPassword = staff.demoUsers().stream().filter(demo -> demo.id().equals("keiri")).findFirst()
                .orElseThrow().password();
        assertThat(storedHash("keiri")).matches(ARGON2ID);
        assertThat(identityService.checkPasswordAgainstPolicy(demoPassword).isValid()).isTrue();
        assertThat(get("/engine-rest/user/keiri/profile", "keiri", demoPassword).statusCode()).isEqualTo(200);
    }

    @Test
    void aWeakPasswordIsRefusedOverTheRestApi() throws Exception {
        HttpResponse<String> created = post("/engine-rest/user/create", """
                {"profile": {"id": "weak-one", "firstName": "弱い", "lastName": "パスワード"},
                 "credentials": {"password": "password"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(400);
        assertThat(created.body()).contains("Password does not match policy");
        assertThat(identityService.createUserQuery().userId("weak-one").count()).isZero();

        HttpResponse<String> strong = post("/engine-rest/user/create", """
                {"profile": {"id": "strong-one", "firstName": "強い", "lastName": "パスワード"},
                 "credentials": {"password": "Tsuyoi-Pass-2026"}}""");
        assertThat(strong.statusCode()).as(strong.body()).isEqualTo(204);
        assertThat(storedHash("strong-one")).matches(ARGON2ID);
    }

    @Test
    void anOldSha512HashStillLogsInAndIsReplacedWhenThePasswordIsSet() throws Exception {
        User user = identityService.newUser("legacy-hash");
        user.setPassword("Furui-Pass-2019");
        identityService.saveUser(user);
        // as an earlier certflow stored it: the engine's default digest over password and salt
        String salt = jdbc.sql("select SALT_ from ACT_ID_USER where ID_ = 'legacy-hash'").query(String.class).single();
        jdbc.sql("update ACT_ID_USER set PWD_ = :hash where ID_ = 'legacy-hash'")
                .param("hash", "{SHA-512}" + new Sha512HashDigest().encrypt("Furui-Pass-2019" + salt)).update();

        assertThat(get("/engine-rest/user/legacy-hash/profile", "legacy-hash", "Furui-Pass-2019").statusCode())
                .isEqualTo(200);

        User saved = identityService.createUserQuery().userId("legacy-hash").singleResult();
        saved.setPassword("Atarashii-Pass-2026");
        identityService.saveUser(saved);
        assertThat(storedHash("legacy-hash")).matches(ARGON2ID);
        assertThat(get("/engine-rest/user/legacy-hash/profile", "legacy-hash", "Atarashii-Pass-2026").statusCode())
                .isEqualTo(200);
    }

    private String storedHash(String userId) {
        return jdbc.sql("select PWD_ from ACT_ID_USER where ID_ = :id").param("id", userId).query(String.class)
                .single();
    }

    private HttpResponse<String> get(String path, String userId, String password) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(userId, password)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        String password = staff.demoUsers().stream().filter(demo -> demo.id().equals("admin")).findFirst()
                .orElseThrow().password();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic("admin", password)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userId, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((userId + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
