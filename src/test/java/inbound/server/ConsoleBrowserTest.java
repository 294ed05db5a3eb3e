package inbound.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inbound.testing.ConsoleBrowser;
import inbound.testing.ConsoleFiles;
import inbound.testing.InProcessInbound;
import inbound.testing.ShippedSchemas;
import inbound.testing.WebhookClient;
import inbound.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

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
    private static ConsoleBrowser console;
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
        console = ConsoleBrowser.start(dir.resolve("chromium"), "http://127.0.0.1:" + server.httpPort() + "/console", SCREENSHOTS);

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
        if (console != null) {
            console.close();
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

    /** The first six cells of a provider's row in an overview table: provider, accepted, refused, processed, dead-lettered, replayed. */
    private static List<String> cells(String table, String provider) {
        return console.cells(table, provider, 6);
    }

    @Test
    @Order(1)
    void shouldRefuseAWrongTokenAndOpenWithTheRightOne() throws Exception {
        console.load("");
        assertThat(console.driver().getTitle()).isEqualTo("Inbound console");
        assertThat(console.driver().findElement(By.id("token")).getAttribute("type")).isEqualTo("password");
        console.screenshot("login");

        console.logIn("not-the-token");
        console.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "refused"));
        assertThat(console.driver().findElement(By.id("nav")).isDisplayed()).isFalse();

        console.logIn(ADMIN_TOKEN);
        assertThat(cells("overview-lastHour", "shopify")).containsExactly("shopify", "4", "1 (invalid_signature 1)", "2", "2", "0");
        assertThat(cells("overview-last24Hours", "shopify")).startsWith("shopify", "4");
        assertThat(console.text(By.id("queue-main"))).isEqualTo("0 waiting, 0 in flight");
        assertThat(console.text(By.id("queue-dead-letters"))).endsWith("in flight");
        String chart = console.waiting().until(driver -> driver.findElement(By.cssSelector("#per-minute svg")).getDomAttribute("aria-label"));
        assertThat(chart).contains("accepted 4", "processed 2",
                "deadLettered 2");
        console.screenshot("overview");

        console.driver().findElement(By.id("nav-events")).click();
        assertThat(console.listedEvents("events")).containsExactly(alsoBad, bad, marmalade, good);
        assertThat(console.driver().getCurrentUrl()).doesNotContain(ADMIN_TOKEN);
        assertThat(console.driver().manage().getCookies()).isEmpty();
        console.screenshot("events");
    }

    @Test
    @Order(2)
    void shouldFindAnEventByItsDeliveryIdAndByAWordOfItsPayload() throws Exception {
        console.open("#/events", ADMIN_TOKEN);
        console.listedEvents("events");

        console.search("console-good-1", "");
        assertThat(console.listedEvents("events")).containsExactly(good);

        console.search("", "marmalade");
        assertThat(console.driver().findElement(By.id("view")).getText()).contains("Payload search covers the payloads of the newest");
        assertThat(console.listedEvents("events")).containsExactly(marmalade);

        console.driver().findElement(By.linkText(marmalade)).click();
        WebElement shown = console.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("payload")));
        // the payload is text, never markup
        assertThat(shown.getText()).contains("\"test_note\": \"Seville Marmalade <b>x</b>\"", "\"id\": 820982911946154508,");
        assertThat(shown.findElements(By.tagName("b"))).isEmpty();
        console.driver().findElement(By.id("toggle-raw")).click();
        assertThat(console.driver().findElement(By.id("payload")).getText()).startsWith("{\"test_note\": \"Seville Marmalade <b>x</b>\",");
        assertThat(console.driver().findElement(By.id("timeline")).getText()).contains("received from shopify", "taken by the worker", "processed");
        console.screenshot("event");
    }

    @Test
    @Order(3)
    void shouldShowTheDeadLetterWithItsReasonThenReplayItOnceItsSchemaIsFixed() throws Exception {
        console.open("#/dead-letters", ADMIN_TOKEN);
        assertThat(console.listedEvents("dead-letters")).containsExactly(alsoBad, bad);
        assertThat(console.driver().findElement(By.cssSelector("#dead-letters .reason")).getText()).contains("schema_violation", "total_price");
        console.driver().findElement(By.id("replay-selected")).click();
        console.noticeSays("Select dead letters, or filter");
        console.driver().findElement(By.id("dry-run")).click();
        console.noticeSays("Dry run: 2 of all dead letters would move");
        console.driver().findElement(By.cssSelector("#dead-letters .try-now")).click();
        console.noticeSays("Failed again: schema_violation");
        console.screenshot("dead-letters");

        ShippedSchemas.fixOrdersCreate(schemas);
        // the first row is the newest: the other bad order, tried now and gone from the list
        console.driver().findElement(By.cssSelector("#dead-letters .try-now")).click();
        console.noticeSays(alsoBad + ": processed.");
        assertThat(console.listedEvents("dead-letters")).containsExactly(bad);
        console.driver().findElement(By.linkText(bad)).click();
        console.waiting().until(ExpectedConditions.elementToBeClickable(By.id("replay"))).click();
        // the page is drawn again once the replay answered: no longer a dead letter, no replay button
        console.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("replay")));
        console.noticeSays("Moved back to the queue.");
        await().atMost(BOUND).until(() -> console.refreshedTimeline().contains("processed"));
        String timeline = console.driver().findElement(By.id("timeline")).getText();
        assertThat(timeline.split("dead-lettered", -1)).as("dead-lettered once").hasSize(2);
        assertThat(timeline)
                .containsSubsequence("received from shopify", "taken by the worker", "dead-lettered — schema_violation",
                        "replayed to the queue (replay 1)", "taken by the worker", "processed");
        // the other one: dead-lettered, again by the try before the fix (recorded once), then processed by the try after it
        JsonNode tried = JSON.readTree(client.operatorGet("/events/" + alsoBad, ADMIN_TOKEN).body());
        assertThat(tried.path("timeline").findValuesAsText("status")).containsSubsequence("dead_lettered", "dead_lettered", "processed")
                .filteredOn("dead_lettered"::equals).hasSize(2);
        console.screenshot("replayed");

        console.driver().findElement(By.id("nav-dead-letters")).click();
        console.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("no-dead-letters")));
    }

    @Test
    @Order(4)
    void shouldReturnToTheTokenFieldWhenTheTokenIsRefusedLater() {
        console.open("#/events", ADMIN_TOKEN);
        console.listedEvents("events");

        console.driver().findElement(By.id("sign-out")).click();

        console.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(console.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
        assertThat(console.driver().findElements(By.id("events"))).isEmpty();
    }

    @Test
    @Order(5)
    void shouldStayReadableWithoutScrollingSidewaysAt200PercentZoom() throws Exception {
        // a 1280-pixel window at 200 % zoom lays the page out in 640 CSS pixels
        console.driver().manage().window().setSize(new Dimension(640, 900));
        try {
            for (String view : List.of("#/overview", "#/events", "#/dead-letters", "#/events/" + bad)) {
                console.open(view, ADMIN_TOKEN);
                console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#view h2")));
                assertThat((Boolean) console.driver().executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no sideways scrolling on " + view).isTrue();
            }
            console.screenshot("narrow-event");
        } finally {
            console.driver().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(6)
    void shouldServeItsFilesWithHeadersThatKeepThemToThemselves() throws Exception {
        ConsoleFiles.assertServedWithTheirHeaders(client, ADMIN_TOKEN);
    }
}
