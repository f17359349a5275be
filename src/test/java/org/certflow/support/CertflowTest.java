package org.certflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, with an in-memory H2 (or PostgreSQL: {@link TestDatabase}), a GreenMail SMTP server as the relay, a
 * test CA under {@code target/} and the job executor off: tests run the jobs themselves and move the
 * engine's clock. Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestMailServer.class)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface CertflowTest {
}
