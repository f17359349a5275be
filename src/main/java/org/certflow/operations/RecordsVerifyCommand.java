package org.certflow.operations;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.certflow.billing.records.TaxRecordIntegrity;
import org.certflow.billing.records.TaxRecords;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar certflow.jar records verify [--spring.profiles.active=production]}: recomputes the SHA-256 of every
 * stored invoice, receipt and return invoice in the configured database and exits 0 when all match, 1 when a
 * document was changed (naming it), 2 when the check could not run. Like {@code audit verify}, it starts only a
 * connection to the database: no web server, no process engine, no jobs.
 * <p>
 * Not a component: the application's component scan must not pick it up; the command starts it on its own.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class})
@Import({TaxRecords.class, TaxRecordIntegrity.class})
public class RecordsVerifyCommand {

    static final List<String> COMMAND = List.of("records", "verify");

    /** Whether the arguments ask for this command rather than the service. */
    public static boolean isInvoked(String[] args) {
        return args.length >= 2 && Arrays.asList(args).subList(0, 2).equals(COMMAND);
    }

    /** Runs the check; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] settings = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RecordsVerifyCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(settings)) {
            TaxRecordIntegrity.Check check = context.getBean(TaxRecordIntegrity.class).verifyAll();
            if (check.intact()) {
                out.println("tax records intact: " + check.documents() + " documents match their SHA-256");
                return 0;
            }
            err.println("tax records CHANGED: " + check.mismatches() + " of " + check.documents()
                    + " documents do not match their SHA-256: " + String.join(", ", check.mismatchingNumbers()));
            return 1;
        } catch (RuntimeException e) {
            err.println("tax records could not be checked: " + e.getMessage());
            return 2;
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
