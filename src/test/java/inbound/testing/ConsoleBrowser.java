package inbound.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a {@link HeadlessChromium}, with what an operator does there named as they would say
 * it, each waiting for what it brings about: the console of either shape, at its URL. Screenshots go to the
 * folder given.
 */
public final class ConsoleBrowser implements AutoCloseable {

    private final ChromeDriver browser;
    private final WebDriverWait wait;
    private final String console;
    private final Path screenshots;

    private ConsoleBrowser(ChromeDriver browser, String console, Path screenshots) {
        this.browser = browser;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        this.console = console;
        this.screenshots = screenshots;
    }

    /** @param console the console's URL, e.g. {@code http://127.0.0.1:8080/console} */
    public static ConsoleBrowser start(Path profile, String console, Path screenshots) throws IOException {
        Files.createDirectories(screenshots);
        return new ConsoleBrowser(HeadlessChromium.start(profile), console, screenshots);
    }

    public ChromeDriver driver() {
        return browser;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    /** The console's page, loaded as it is typed into the address bar. */
    public void load(String view) {
        browser.get(console + view);
    }

    /** A fresh load of the page (the token is forgotten), then the token typed in. */
    public void open(String view, String token) {
        browser.get("about:blank");
        load(view);
        logIn(token);
    }

    public void logIn(String token) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id("token")));
        field.sendKeys(token + "\n");
    }

    /** Fills in the filter form (empty fields as given) and submits it with Enter; waits for the new list. */
    public void search(String id, String text) {
        WebElement form = browser.findElement(By.cssSelector("form.filters"));
        browser.findElement(By.name("id")).clear();
        browser.findElement(By.name("id")).sendKeys(id);
        browser.findElement(By.name("q")).clear();
        browser.findElement(By.name("q")).sendKeys(text + "\n");
        wait.until(ExpectedConditions.stalenessOf(form));
    }

    /** An element's text, read again should the page be drawn anew meanwhile. */
    public String text(By element) {
        return wait.until(driver -> driver.findElement(element).getText());
    }

    /** The event page's timeline once "Refresh" has drawn the page again. */
    public String refreshedTimeline() {
        WebElement before = browser.findElement(By.id("timeline"));
        browser.findElement(By.id("refresh")).click();
        wait.until(ExpectedConditions.stalenessOf(before));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline"))).getText();
    }

    /** The first {@code count} cells of a provider's row in an overview table, from the provider's own. */
    public List<String> cells(String table, String provider, int count) {
        // read again should the overview's refresh draw the table anew meanwhile
        return wait.until(driver -> driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).limit(count).toList())
                .filter(row -> row.get(0).equals(provider)).findFirst().orElse(null));
    }

    /** The event ids a list shows, top to bottom. */
    public List<String> listedEvents(String table) {
        return wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("#" + table + " .event-link")))
                .stream().map(WebElement::getText).toList();
    }

    /** Waits until the notice under a page's actions says the text. */
    public void noticeSays(String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), text));
    }

    public void screenshot(String page) throws IOException {
        Files.write(screenshots.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        browser.quit();
    }
}
