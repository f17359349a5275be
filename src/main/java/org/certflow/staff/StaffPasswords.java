package org.certflow.staff;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Staff passwords: the engine's password policy decides what may be set (Admin, the REST API, the settings'
 * administrator), and each password is stored as an Argon2id hash instead of the engine's one round of SHA-512.
 * Argon2 rather than bcrypt: the engine appends its own salt to the password before hashing, and bcrypt refuses
 * more than 72 bytes.
 */
@Component
class StaffPasswords extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnablePasswordPolicy(true);
        // SHA-512 hashes written before still verify (the engine always knows its own digest); each is replaced
        // by an Argon2id hash when its password is next set
        configuration.setPasswordEncryptor(new Argon2id());
    }

    /**
     * Argon2id with OWASP's first recommended parameters: 19 MiB of memory, two passes, one lane. Each check takes
     * its 19 MiB from the heap, so only as many run at once as there are processors; a flood of HTTP Basic
     * attempts on the REST API waits for its turn instead of filling the heap.
     */
    static final class Argon2id implements PasswordEncryptor {

        private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
        private final Semaphore running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

        @Override
        public String encrypt(String password) {
            return bounded(() -> encoder.encode(password));
        }

        @Override
        public boolean check(String password, String encrypted) {
            return bounded(() -> encoder.matches(password, encrypted));
        }

        @Override
        public String hashAlgorithmName() {
            return "ARGON2ID";
        }

        private <T> T bounded(Supplier<T> hashing) {
            running.acquireUninterruptibly();
            try {
                return hashing.get();
            } finally {
                running.release();
            }
        }
    }
}
