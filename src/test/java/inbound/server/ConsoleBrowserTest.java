package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inbound.testing.HeadlessChromium;
import inbound.testing.InProcessInbound;
import inbound.testing.ShippedSchemas;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless chromium, against the server shape on loopback with its embedded
 * queue and database: the README's bad-event walkthrough done in the browser — log in, find events, see the
 * dead letter and its reason, fix its schema, replay it, see it processed on its timeline. Screenshots of each
 * page go to {@code target/console/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String SECRET = "shpss_console";
    private static final String ADMIN_TOKEN = "console-token-for-tests";
    private static final String SHOP = "console.myshopify.com";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("tests/target/console");

    @TempDir
    static Path dir;

    private static InProcessInbound server;
    private static WebhookClient client;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String console;
    private static Path schemas;
    private static String good;
    private static String marmalade;
    private static String bad;
    private static String alsoBad;

    @BeforeAll
    static void start() throws Exception {
        schemas = dir.resolve("schemas");
        ShippedSchemas.copyTo(schemas);
        Properties properties = new Properties();
        properties.put("inbound.provider.shopify.secret", SECRET);
        properties.put("inbound.admin.token", ADMIN_TOKEN);
        properties.put("inbound.schemas.location", "file:" + schemas);
        server = InProcessInbound.create(dir.resolve("data"), properties).start();
        client = server.client();
        console = "http://127.0.0.1:" + server.httpPort() + "/console";
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);

        good = send(Webhooks.payload("shopify/orders-create.json"), "console-good-1");
        marmalade = send(Webhooks.payload("shopify/orders-create.json").replaceFirst("\\{", "{\"test_note\": \"Seville Marmalade <b>x</b>\","), "console-good-2");
        bad = send(Webhooks.payload("shopify/orders-create-invalid.json"), "console-bad-1");
        alsoBad = send(Webhooks.payload("shopify/orders-create-invalid.json").replaceFirst("\\{", "{\"test_order\": 2,"), "console-bad-2");
        byte[] forged = Webhooks.utf8(Webhooks.payload("shopify/orders-create.json"));
        assertThat(client.post("shopify", forged, Webhooks.shopify(forged, "not-the-secret", "console-forged-1", SHOP, "orders/create"))
                .statusCode()).isEqualTo(401);
        await().atMost(BOUND).until(() -> status(good).equals("processed") && status(marmalade).equals("processed")
                && status(bad).equals("dead_lettered") && status(alsoBad).equals("dead_lettered"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    private static String send(String body, String deliveryId) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = client.post("shopify", bytes, Webhooks.shopify(bytes, SECRET, deliveryId, SHOP, "orders/create"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String status(String eventId) throws Exception {
        HttpResponse<String> answer = client.operatorGet("/events/" + eventId, ADMIN_TOKEN);
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).path("status").asText() : "unknown";
    }

    private static void screenshot(String page) throws IOException {
        Files.write(SCREENSHOTS.resolve(page + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** A fresh load of the page (the token is forgotten), then the token typed in. */
    private static void open(String view) {
        browser.get("about:blank");
        browser.get(console + view);
        logIn(ADMIN_TOKEN);
    }

    private static void logIn(String token) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.id("token")));
        field.sendKeys(token + "\n");
    }

    /** Fills in the filter form (empty fields as given) and submits it with Enter; waits for the new list. */
    private static void search(String id, String text) {
        WebElement form = browser.findElement(By.cssSelector("form.filters"));
        browser.findElement(By.name("id")).clear();
        browser.findElement(By.name("id")).sendKeys(id);
        browser.findElement(By.name("q")).clear();
        browser.findElement(By.name("q")).sendKeys(text + "\n");
        wait.until(ExpectedConditions.stalenessOf(form));
    }

    /** An element's text, read again should the page be drawn anew meanwhile. */
    private static String text(By element) {
        return wait.until(driver -> driver.findElement(element).getText());
    }

    /** The event page's timeline once "Refresh" has drawn the page again. */
    private static String refreshedTimeline() {
        WebElement before = browser.findElement(By.id("timeline"));
        browser.findElement(By.id("refresh")).click();
        wait.until(ExpectedConditions.stalenessOf(before));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline"))).getText();
    }

    /** The first six cells of a provider's row in an overview table: provider, accepted, refused, processed, dead-lettered, replayed. */
    private static List<String> cells(String table, String provider) {
        // read again should the overview's refresh draw the table anew meanwhile
        return wait.until(driver -> driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).limit(6).toList())
                .filter(row -> row.get(0).equals(provider)).findFirst().orElse(null));
    }

    private static List<String> listedEvents(String table) {
        return wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("#" + table + " .event-link")))
                .stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(1)
    void shouldRefuseAWrongTokenAndOpenWithTheRightOne() throws Exception {
        browser.get(console);
        assertThat(browser.getTitle()).isEqualTo("Inbound console");
        assertThat(browser.findElement(By.id("token")).getAttribute("type")).isEqualTo("password");
        screenshot("login");

        logIn("not-the-token");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();

        logIn(ADMIN_TOKEN);
        assertThat(cells("overview-lastHour", "shopify")).containsExactly("shopify", "4", "1 (invalid_signature 1)", "2", "2", "0");
        assertThat(cells("overview-last24Hours", "shopify")).startsWith("shopify", "4");
        assertThat(text(By.id("queue-main"))).isEqualTo("0 waiting, 0 in flight");
        assertThat(text(By.id("queue-dead-letters"))).endsWith("in flight");
        String chart = wait.until(driver -> driver.findElement(By.cssSelector("#per-minute svg")).getDomAttribute("aria-label"));
        assertThat(chart).contains("accepted 4", "processed 2",
                "deadLettered 2");
        screenshot("overview");

        browser.findElement(By.id("nav-events")).click();
        assertThat(listedEvents("events")).containsExactly(alsoBad, bad, marmalade, good);
        assertThat(browser.getCurrentUrl()).doesNotContain(ADMIN_TOKEN);
        assertThat(browser.manage().getCookies()).isEmpty();
        screenshot("events");
    }

    @Test
    @Order(2)
    void shouldFindAnEventByItsDeliveryIdAndByAWordOfItsPayload() throws Exception {
        open("#/events");
        listedEvents("events");

        search("console-good-1", "");
        assertThat(listedEvents("events")).containsExactly(good);

        search("", "marmalade");
        assertThat(browser.findElement(By.id("view")).getText()).contains("Payload search covers the payloads of the newest");
        assertThat(listedEvents("events")).containsExactly(marmalade);

        browser.findElement(By.linkText(marmalade)).click();
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("payload")));
        // the payload is text, never markup
        assertThat(shown.getText()).contains("\"test_note\": \"Seville Marmalade <b>x</b>\"", "\"id\": 820982911946154508,");
        assertThat(shown.findElements(By.tagName("b"))).isEmpty();
        browser.findElement(By.id("toggle-raw")).click();
        assertThat(browser.findElement(By.id("payload")).getText()).startsWith("{\"test_note\": \"Seville Marmalade <b>x</b>\",");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("received from shopify", "taken by the worker", "processed");
        screenshot("event");
    }

    @Test
    @Order(3)
    void shouldShowTheDeadLetterWithItsReasonThenReplayItOnceItsSchemaIsFixed() throws Exception {
        open("#/dead-letters");
        assertThat(listedEvents("dead-letters")).containsExactly(alsoBad, bad);
        assertThat(browser.findElement(By.cssSelector("#dead-letters .reason")).getText()).contains("schema_violation", "total_price");
        browser.findElement(By.id("replay-selected")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Select dead letters, or filter"));
        browser.findElement(By.id("dry-run")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Dry run: 2 of all dead letters would move"));
        browser.findElement(By.cssSelector("#dead-letters .try-now")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Failed again: schema_violation"));
        screenshot("dead-letters");

        fixTheOrderSchema();
        // the first row is the newest: the other bad order, tried now and gone from the list
        browser.findElement(By.cssSelector("#dead-letters .try-now")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), alsoBad + ": processed."));
        assertThat(listedEvents("dead-letters")).containsExactly(bad);
        browser.findElement(By.linkText(bad)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("replay"))).click();
        // the page is drawn again once the replay answered: no longer a dead letter, no replay button
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("replay")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Moved back to the queue."));
        await().atMost(BOUND).until(() -> refreshedTimeline().contains("processed"));
        String timeline = browser.findElement(By.id("timeline")).getText();
        assertThat(timeline.split("dead-lettered", -1)).as("dead-lettered once").hasSize(2);
        assertThat(timeline)
                .containsSubsequence("received from shopify", "taken by the worker", "dead-lettered — schema_violation",
                        "replayed to the queue (replay 1)", "taken by the worker", "processed");
        // the other one: dead-lettered, again by the try before the fix (recorded once), then processed by the try after it
        JsonNode tried = JSON.readTree(client.operatorGet("/events/" + alsoBad, ADMIN_TOKEN).body());
        assertThat(tried.path("timeline").findValuesAsText("status")).containsSubsequence("dead_lettered", "dead_lettered", "processed")
                .filteredOn("dead_lettered"::equals).hasSize(2);
        screenshot("replayed");

        browser.findElement(By.id("nav-dead-letters")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-dead-letters")));
    }

    @Test
    @Order(4)
    void shouldReturnToTheTokenFieldWhenTheTokenIsRefusedLater() {
        open("#/events");
        listedEvents("events");

        browser.findElement(By.id("sign-out")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.id("events"))).isEmpty();
    }

    @Test
    @Order(5)
    void shouldStayReadableWithoutScrollingSidewaysAt200PercentZoom() throws Exception {
        // a 1280-pixel window at 200 % zoom lays the page out in 640 CSS pixels
        browser.manage().window().setSize(new Dimension(640, 900));
        try {
            for (String view : List.of("#/overview", "#/events", "#/dead-letters", "#/events/" + bad)) {
                open(view);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view h2")));
                assertThat((Boolean) browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling on " + view).isTrue();
            }
            screenshot("narrow-event");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(6)
    void shouldServeItsFilesWithHeadersThatKeepThemToThemselves() throws Exception {
        HttpResponse<String> page = client.get("/console");
        HttpResponse<String> script = client.get("/console/console.js");
        HttpResponse<String> unknown = client.get("/console/..%2Fapplication.properties");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"));
        assertThat(page.body()).doesNotContain(ADMIN_TOKEN);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
    }

    private static void fixTheOrderSchema() throws IOException {
        Path schema = schemas.resolve("shopify/orders-create.json");
        ObjectNode fixed = (ObjectNode) JSON.readTree(Files.readString(schema));
        ((ObjectNode) fixed.path("properties").path("total_price")).removeAll().putArray("type").add("string").add("number");
        ((ArrayNode) fixed.path("required")).removeIf(field -> field.asText().equals("line_items"));
        Files.writeString(schema, fixed.toString());
    }
}
