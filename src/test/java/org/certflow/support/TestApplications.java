package org.certflow.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.certflow.application.ApplicantDetails;
import org.certflow.application.Application;
import org.certflow.application.ApplicationRepository;
import org.certflow.application.LicenceImage;
import org.certflow.application.Qualification;
import org.certflow.portal.PortalSubmissions;
import org.certflow.service.ProcessConstants;
import org.springframework.stereotype.Component;

/**
 * Applications brought to the staff's desk the way the portal brings them (provisional application,
 * details, licence image, submit), for tests about the back office.
 */
@Component
public class TestApplications {

    private final PortalSubmissions portal;
    private final ApplicationRepository applications;
    private final RuntimeService runtimeService;
    private final ProcessDriver driver;
    private final HistoryService historyService;

    TestApplications(PortalSubmissions portal, ApplicationRepository applications, RuntimeService runtimeService,
                     ProcessDriver driver, HistoryService historyService) {
        this.historyService = historyService;
        this.portal = portal;
        this.applications = applications;
        this.runtimeService = runtimeService;
        this.driver = driver;
    }

    /** 山田 太郎, 一級建築士 123456, with this office name; the invoice is out and the payment task open. */
    public Application awaitingPayment(String officeName) {
        String email = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
        Application application = portal.applyProvisionally(email, Qualification.FIRST_CLASS_ARCHITECT);
        driver.runDueJobs(processInstanceId(application));
        applications.saveDetails(application.id(), new ApplicantDetails("山田", "太郎", "ヤマダ", "タロウ", "Yamada",
                "Taro", LocalDate.of(1980, 4, 1), officeName, "0263-12-3456", "390-0811", "長野県松本市中央1-23-1",
                "123456"), 1, false, driver.now());
        applications.saveLicenceImage(application.id(), licenceImage(), driver.now());
        portal.submit(application.id(), "PASSWORDPASSWORD");
        driver.runDueJobs(processInstanceId(application));
        return applications.get(application.id());
    }

    public String processInstanceId(Application application) {
        return runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                .processInstanceBusinessKey(application.orderNumber()).singleResult().getId();
    }

    /**
     * The application's instance still carries the application itself: it runs and has not reached its retention
     * tail (保存期間), where an ended application's instance waits for years to delete what it kept.
     */
    public boolean inProgress(Application application) {
        return runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(ProcessConstants.CERTIFICATE_APPLICATION)
                .processInstanceBusinessKey(application.orderNumber()).list().stream()
                .anyMatch(instance -> !inRetentionTail(historyService, instance.getId()));
    }

    /** The instance has ended its application and waits only in its retention tail. */
    public static boolean inRetentionTail(HistoryService historyService, String processInstanceId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId("RetentionDue").count() > 0;
    }

    /** A readable licence image (a PNG with the registration number on it). */
    public static LicenceImage licenceImage() {
        BufferedImage image = new BufferedImage(480, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 480, 300);
        graphics.setColor(Color.BLACK);
        graphics.drawString("REGISTRATION 123456", 40, 150);
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LicenceImage("image/png", png.toByteArray(), 480, 300);
    }
}
