package org.certflow.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The outside programs some tests check certflow's output with (OpenSSL, keytool, Chromium). A test that needs one
 * fails when it is missing, naming the Debian package that brings it: a check that silently skips proves nothing.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** The program's path on {@code PATH}; fails the test when it is not there. */
    public static Path onPath(String program, String debianPackage) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                Path candidate = Path.of(directory, program);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return fail("%s is not on PATH: install it (apt-get install %s) to run this test", program, debianPackage);
    }

    /** Fails the test when the program is not at the given path. */
    public static Path at(Path program, String debianPackage) {
        if (!Files.isExecutable(program)) {
            fail("%s is missing: install it (apt-get install %s) to run this test", program, debianPackage);
        }
        return program;
    }

    public static Path openssl() {
        return onPath("openssl", "openssl");
    }
}
