package de.check24.homewidgets.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.product.ContractEvents;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.sdui.ContractEvent;
import de.check24.homewidgets.sdui.WidgetJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the library promises once, proven against the sample product: purchases survive a
 * Kafka outage and a core outage, the core is told about every change, and oversized
 * bodies are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:sample/sample-product.properties",
		properties = "product.core.token=test-service-token")
@ActiveProfiles("local")
class SampleProductIntegrationTests {

	private static final String TOPIC = "user.sample.product.purchased";

	private static final ObjectMapper json = WidgetJson.newMapper();

	private static final StubCore core = StubCore.started();

	private static final AtomicLong users = new AtomicLong(700_000);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_db");
		EmbeddedInfrastructure.kafka(registry);
		registry.add("product.core.base-url", core::baseUrl);
		CoreTokens.register(registry);
	}

	@Nested
	class WhenKafkaIsDown {

		@Test
		void purchaseSucceedsAndTheEventIsPublishedOnceKafkaIsBack() throws Exception {
			LocalKafka kafka = LocalKafka.shared();
			long userId = users.incrementAndGet();
			kafka.stop();
			try {
				long started = System.nanoTime();
				HttpResponse<String> response = purchase(userId);

				assertThat(response.statusCode()).isEqualTo(201);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
				long contractId = json.readTree(response.body()).path("contract_id").asLong();
				assertThat(pendingEventsFor(contractId)).isOne();
				// the relay keeps the oldest pending event first, so that is the one it
				// retries
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(SampleProductIntegrationTests.this.jdbc
						.queryForObject("SELECT max(attempts) FROM outbox WHERE published_at IS NULL", Integer.class))
						.as("failed relay attempts while Kafka is down")
						.isPositive());
				kafka.start();

				try (ContractEvents events = ContractEvents.on(kafka.bootstrapServers(), TOPIC)) {
					ContractEvent event = ContractEvents
						.event(events.awaitEventFor(contractId, "contract_created", Duration.ofSeconds(60)));
					assertThat(event.userId()).isEqualTo(userId);
				}
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(pendingEventsFor(contractId)).isZero());
			}
			finally {
				kafka.start();
			}
		}

	}

	@Nested
	class CoreNotification {

		@Test
		void tellsTheCoreWithTheServiceTokenAfterAPurchase() throws Exception {
			long userId = users.incrementAndGet();

			assertThat(purchase(userId).statusCode()).isEqualTo(201);

			StubCore.Received call = awaitCoreCall(userId, "contract_created");
			assertThat(call.method()).isEqualTo("POST");
			assertThat(call.serviceToken()).isEqualTo("test-service-token");
			assertThat(json.readTree(call.body()).path("service").asText()).isEqualTo("sample");
		}

		@Test
		void tellsTheCoreAfterACancellation() throws Exception {
			long userId = users.incrementAndGet();
			purchase(userId);

			HttpResponse<String> response = send(
					HttpRequest.newBuilder(uri("/widget/sample/contract/" + userId + "/sample_offer")).DELETE(),
					userId);

			assertThat(response.statusCode()).isEqualTo(200);
			awaitCoreCall(userId, "contract_deleted");
		}

		@Test
		void purchaseSucceedsWhileTheCoreIsDown() throws Exception {
			core.stop();
			try {
				long started = System.nanoTime();

				assertThat(purchase(users.incrementAndGet()).statusCode()).isEqualTo(201);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			}
			finally {
				core.start();
			}
		}

		private StubCore.Received awaitCoreCall(long userId, String reason) {
			return await().atMost(Duration.ofSeconds(10))
				.until(() -> core.received()
					.stream()
					.filter((call) -> "/cache/invalidate".equals(call.path()))
					.filter((call) -> hasUserAndReason(call.body(), userId, reason))
					.findFirst()
					.orElse(null), (call) -> call != null);
		}

		private boolean hasUserAndReason(String body, long userId, String reason) {
			JsonNode invalidation = readTree(body);
			return invalidation.path("user_id").asLong() == userId
					&& reason.equals(invalidation.path("reason").asText());
		}

	}

	@Nested
	class RequestLimits {

		private static final int OVER_LIMIT = 17 * 1024;

		@Test
		void rejectsAnOversizedBody() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/widget/sample/contract"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(oversizedBody())), 1);

			assertTooLarge(response);
		}

		@Test
		void rejectsAnOversizedChunkedBody() throws Exception {
			byte[] body = oversizedBody().getBytes();
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/widget/sample/contract"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))), 1);

			assertTooLarge(response);
		}

		@Test
		void acceptsABodyWithinTheLimit() throws Exception {
			assertThat(purchase(users.incrementAndGet()).statusCode()).isEqualTo(201);
		}

		@Test
		void answersAWildcardContentTypeWithAProblemNotAServerError() throws Exception {
			HttpResponse<String> response = send(
					HttpRequest.newBuilder(uri("/widget/sample/contract"))
						.header("Content-Type", "application/*")
						.POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": 1, \"widget_id\": \"sample_offer\"}")),
					1);

			assertThat(response.statusCode()).isEqualTo(415);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}

		@Test
		void answersAFormBodyWithAProblemNotAServerError() throws Exception {
			for (String body : List.of("\u0000", "", "user_id=1&widget_id=sample_offer", "%", "x".repeat(20_000))) {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/widget/sample/contract"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body)), 1);

				assertThat(response.statusCode()).as("status for %s", body.substring(0, Math.min(20, body.length())))
					.isIn(400, 415);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			}
		}

		@Test
		void answersAPathTheFirewallRefusesWithAProblem() throws Exception {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/widget/sample/contract/1;x=y")), 1);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(readTree(response.body()).path("status").asInt()).isEqualTo(400);
		}

		private String oversizedBody() {
			return "{\"user_id\": 1, \"widget_id\": \"sample_offer\", \"padding\": \"" + "x".repeat(OVER_LIMIT) + "\"}";
		}

		private void assertTooLarge(HttpResponse<String> response) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
			assertThat(readTree(response.body()).path("type").asText())
				.isEqualTo("https://homewidgets.check24.de/problems/request-too-large");
		}

	}

	private int pendingEventsFor(long contractId) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM outbox WHERE published_at IS NULL AND (payload ->> 'contract_id')::bigint = ?",
				Integer.class, contractId);
	}

	private HttpResponse<String> purchase(long userId) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri("/widget/sample/contract"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"user_id\": " + userId + ", \"widget_id\": \"sample_offer\"}")), userId);
	}

	/** Sends as the core does: with a token it signed for the user. */
	private HttpResponse<String> send(HttpRequest.Builder request, long userId)
			throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + CoreTokens.shared().forUser("sample", userId))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static JsonNode readTree(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new AssertionError("Not JSON: " + body, ex);
		}
	}

}
