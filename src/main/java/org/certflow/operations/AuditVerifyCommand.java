package org.certflow.operations;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.certflow.certificate.CaAuditChain;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar certflow.jar audit verify [--spring.profiles.active=production]}: checks the hash chain of
 * {@code ca_audit} in the configured database and exits 0 when it is intact, 1 when a row was changed, 2 when the
 * check could not run. It starts only a connection to the database: no web server, no process engine, no jobs.
 * <p>
 * Not a component: the application's component scan must not pick it up; the command starts it on its own.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TransactionAutoConfiguration.class})
@Import(CaAuditChain.class)
public class AuditVerifyCommand {

    static final List<String> COMMAND = List.of("audit", "verify");

    /** Whether the arguments ask for this command rather than the service. */
    public static boolean isInvoked(String[] args) {
        return args.length >= 2 && Arrays.asList(args).subList(0, 2).equals(COMMAND);
    }

    /** Runs the check; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] settings = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuditVerifyCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(settings)) {
            CaAuditChain.Result result = context.getBean(CaAuditChain.class).verify();
            if (result.intact()) {
                out.println("ca_audit intact: " + result.rows() + " rows, newest hash " + result.newestHash());
                return 0;
            }
            err.println("ca_audit BROKEN at row " + result.firstBrokenRow() + ": " + result.problem());
            return 1;
        } catch (RuntimeException e) {
            err.println("ca_audit could not be checked: " + e.getMessage());
            return 2;
        }
    }
}
