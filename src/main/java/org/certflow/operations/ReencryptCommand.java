package org.certflow.operations;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.certflow.application.ApplicationRepository;
import org.certflow.application.DataProtectionKeys;
import org.certflow.application.DataProtectionProperties;
import org.certflow.application.LicenceImageCipher;
import org.certflow.application.LicenceImageReencryption;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;

/**
 * {@code java -jar certflow.jar data-protection reencrypt [--spring.profiles.active=production]}: moves every licence
 * image to the current data protection key at once, as the nodes' job does in small batches, and prints how many
 * images each key still holds. Exits 0 when every image is under the current key, 1 when some could not be opened
 * (each is named in the log), 2 when it could not run (a key that images need is missing from the settings). It opens
 * only the database (already migrated by the service), alongside running nodes.
 * <p>
 * Not a component: the application's component scan must not pick it up; the command starts it on its own.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        JdbcClientAutoConfiguration.class})
@EnableConfigurationProperties(DataProtectionProperties.class)
@Import({DataProtectionKeys.class, LicenceImageCipher.class, ApplicationRepository.class,
        LicenceImageReencryption.class})
public class ReencryptCommand {

    static final List<String> COMMAND = List.of("data-protection", "reencrypt");

    /** Whether the arguments ask for this command rather than the service. */
    public static boolean isInvoked(String[] args) {
        return args.length >= 2 && Arrays.asList(args).subList(0, 2).equals(COMMAND);
    }

    /** Re-encrypts; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] settings = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReencryptCommand.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN")
                .run(settings)) {
            int rewritten = context.getBean(LicenceImageReencryption.class).reencryptAll();
            String current = context.getBean(DataProtectionKeys.class).currentKeyId();
            Map<String, Long> byKey = new TreeMap<>();
            context.getBean(ApplicationRepository.class).licenceImagesByKey()
                    .forEach((key, count) -> byKey.put(key == null ? ApplicationMetrics.PLAIN : key, count));
            out.println("Re-encrypted " + rewritten + " licence images with key '" + current + "'; images by key: "
                    + byKey);
            boolean done = byKey.keySet().stream().allMatch(current::equals);
            if (!done) {
                err.println("Some licence images are not under the current key: they do not open (see the log)");
            }
            return done ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("Licence images could not be re-encrypted: "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            return 2;
        }
    }
}
