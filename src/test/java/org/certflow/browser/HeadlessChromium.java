package org.certflow.browser;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.certflow.support.RequiredTools;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Debian's Chromium, headless, driven by its own chromedriver: nothing is downloaded, so Selenium Manager
 * stays out of it. Every instance has a fresh profile and its own download folder, both removed on close.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int DESKTOP_MIN_WIDTH = 500;

    private final ChromeDriver driver;
    private final List<String> accessibilityViolations = new ArrayList<>();
    private final Path profile;
    private final Path downloads;
    private final String base;

    private HeadlessChromium(int port, int width, int height) throws IOException {
        this.base = "http://localhost:" + port;
        this.profile = Files.createTempDirectory("certflow-chromium-profile");
        this.downloads = Files.createTempDirectory("certflow-chromium-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=" + width + "," + height, "--user-data-dir=" + profile,
                "--lang=ja");
        options.setExperimentalOption("prefs", Map.of(
                "intl.accept_languages", "ja,en",
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "download.directory_upgrade", true,
                "safebrowsing.enabled", false));
        if (width < DESKTOP_MIN_WIDTH) {
            // a desktop window is never narrower than about 500 px: a phone's viewport needs emulation
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
                    Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    /** Starts Chromium; the test fails when the Debian packages are not installed. */
    static HeadlessChromium start(int port, int width, int height) throws IOException {
        RequiredTools.at(CHROMIUM, "chromium");
        RequiredTools.at(CHROMEDRIVER, "chromium-driver");
        return new HeadlessChromium(port, width, height);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the portal or a full URL. */
    void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    WebElement find(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector));
    }

    List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    String value(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    /** Clicks and waits until the browser shows the next page (which may be the same form again) with that heading. */
    void clickAndWaitForHeading(WebElement element, String heading) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> isGone(page));
        waitForHeading(heading);
    }

    /**
     * Whether the element's page has been replaced. Chromium answers a look at a node of a replaced document
     * either as a stale element or, at times, with a plain inspector error; both mean the page is gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    void waitForHeading(String heading) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            List<WebElement> h1 = d.findElements(By.tagName("h1"));
            return !h1.isEmpty() && h1.get(0).getText().equals(heading);
        });
    }

    /** Waits for a finished download whose name ends with the suffix (Chromium writes .crdownload meanwhile). */
    Path waitForDownload(String suffix) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Saves a screenshot and runs the WCAG 2.1 A/AA rules of axe-core on the page as it is. */
    void screenshot(String name) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        if (results.getPasses().isEmpty()) {
            throw new IllegalStateException("axe-core checked nothing on " + name + ": " + results.getErrorMessage());
        }
        for (Rule violation : results.getViolations()) {
            accessibilityViolations.add(name + ": " + violation.getId() + " – " + violation.getHelp() + " "
                    + violation.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList());
        }
        save(name);
    }

    /** Saves what the window shows as target/screenshots/{name}.png (for pages that are not ours to fix). */
    void save(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What axe-core found on the pages screenshot so far; a page fit for everyone has nothing here. */
    List<String> accessibilityViolations() {
        return List.copyOf(accessibilityViolations);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is no reason to fail a test
        }
    }
}
