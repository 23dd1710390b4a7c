package de.check24.homewidgets.core;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreIntegrationTest;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.Tokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CoreIntegrationTest
class UpdateStreamIntegrationTests {

	private static final String SERVICE_TOKEN = "local-dev-service-token";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	HttpTestClient http;

	private final List<EventStream> streams = new ArrayList<>();

	@BeforeEach
	void client() {
		StubProducts.shared().reset();
		this.http = new HttpTestClient(this.port);
	}

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
	}

	private EventStream subscribe(Long userId) {
		EventStream stream = EventStream.open(this.http.baseUrl(), userId);
		this.streams.add(stream);
		return stream;
	}

	private EventStream connected(EventStream stream) {
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> stream.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		return stream;
	}

	private void invalidate(String json) {
		assertThat(this.http.post("/cache/invalidate", json, "X-Service-Token", SERVICE_TOKEN).statusCode())
			.isEqualTo(202);
	}

	private double subscribers() {
		return this.meterRegistry.get("home.stream.subscribers").gauge().value();
	}

	@Nested
	class GetStreamUpdates {

		@Test
		void greetsTheSubscriberWithAConnectedEventAndSendsHeartbeats() {
			EventStream stream = connected(subscribe(123L));

			assertThat(stream.contentType()).startsWith("text/event-stream");
			EventStream.Event connected = stream.events().get(0);
			assertThat(connected.name()).isEqualTo("connected");
			assertThat(connected.id()).isNotBlank();
			assertThat(connected.json().path("user_id").asLong()).isEqualTo(123);
			await().atMost(Duration.ofSeconds(5)).until(() -> stream.comments().contains("heartbeat"));
		}

		@Test
		void sendsTheSubscribersOwnInvalidationWithAnIdAndTheAgreedFields() {
			EventStream stream = connected(subscribe(123L));

			invalidate("{\"user_id\": 123, \"service\": \"car-insurance\", \"reason\": \"contract_created\"}");

			await().atMost(Duration.ofSeconds(5)).until(() -> !stream.invalidations().isEmpty());
			EventStream.Event message = stream.events()
				.stream()
				.filter((event) -> event.name() == null)
				.findFirst()
				.orElseThrow();
			assertThat(message.id()).isNotBlank().isNotEqualTo(stream.events().get(0).id());
			JsonNode data = message.json();
			assertThat(data.path("type").asText()).isEqualTo("cache_invalidated");
			assertThat(data.path("user_id").asLong()).isEqualTo(123);
			assertThat(data.path("service").asText()).isEqualTo("car-insurance");
			assertThat(data.path("reason").asText()).isEqualTo("contract_created");
			assertThat(data.path("timestamp").asText()).isNotBlank();
		}

		@Test
		void keepsOneUsersInvalidationsFromOtherSubscribers() {
			EventStream user123 = connected(subscribe(123L));
			EventStream user456 = connected(subscribe(456L));
			EventStream anonymous = connected(subscribe(null));

			invalidate("{\"user_id\": 123, \"service\": \"banking\", \"reason\": \"contract_created\"}");
			await().atMost(Duration.ofSeconds(5)).until(() -> user123.invalidations().size() == 1);
			// a later invalidation of every home reaches everyone; had the first one
			// leaked,
			// it would have arrived before this one
			invalidate("{\"reason\": \"offers_changed\"}");

			for (EventStream stream : List.of(user123, user456, anonymous)) {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(stream.invalidations()).last()
						.satisfies((data) -> assertThat(data.path("reason").asText()).isEqualTo("offers_changed")));
			}
			assertThat(user456.invalidations()).hasSize(1);
			assertThat(anonymous.invalidations()).hasSize(1);
			assertThat(user123.invalidations()).hasSize(2);
			assertThat(anonymous.invalidations().get(0).path("user_id").isNull()).isTrue();
		}

		@Test
		void acceptsTheTokenAsAccessTokenQueryParameter() {
			EventStream stream = EventStream.withQueryToken(UpdateStreamIntegrationTests.this.http.baseUrl(),
					Tokens.forUser(789));
			UpdateStreamIntegrationTests.this.streams.add(stream);
			connected(stream);

			invalidate("{\"user_id\": 789, \"reason\": \"contract_deleted\"}");

			await().atMost(Duration.ofSeconds(5)).until(() -> stream.invalidations().size() == 1);
			assertThat(stream.events().get(0).json().path("user_id").asLong()).isEqualTo(789);
		}

		@Test
		void refusesABadTokenWithAProblemDetail() {
			EventStream header = EventStream.open(UpdateStreamIntegrationTests.this.http.baseUrl(), "Authorization",
					"Bearer " + Tokens.signedWithAnotherKey(123));
			EventStream query = EventStream.withQueryToken(UpdateStreamIntegrationTests.this.http.baseUrl(),
					Tokens.expiredForUser(123));

			assertThat(header.status()).isEqualTo(401);
			assertThat(header.contentType()).startsWith("application/problem+json");
			assertThat(query.status()).isEqualTo(401);
			assertThat(query.errorBody()).contains("unauthorized");
		}

		@Test
		void ignoresTheQueryParameterTokenOnEveryOtherRoute() {
			assertThat(UpdateStreamIntegrationTests.this.http
				.get("/user/123/contracts?access_token=" + Tokens.forUser(123))
				.statusCode()).isEqualTo(401);
		}

		@Test
		void forgetsFiveHundredClientsThatConnectedAndWentAwayWithoutLeakingThreads() throws Exception {
			// warm the pools first, so that their threads do not count as leaked
			connected(subscribe(1L)).close();
			await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
			int threadsBefore = applicationThreads();

			List<CompletableFuture<EventStream>> opening = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				opening.add(EventStream.openUnread(UpdateStreamIntegrationTests.this.http.baseUrl(),
						(i % 2 == 0) ? (long) (1000 + i) : null));
			}
			List<EventStream> opened = new ArrayList<>();
			for (CompletableFuture<EventStream> future : opening) {
				opened.add(future.get(60, TimeUnit.SECONDS));
			}
			assertThat(opened).allSatisfy((stream) -> assertThat(stream.status()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(20)).until(() -> subscribers() == 500);
			invalidate("{\"reason\": \"offers_changed\"}");

			opened.forEach(EventStream::close);

			await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(applicationThreads()).isLessThanOrEqualTo(threadsBefore + 5));
			assertThat(Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("stream-sender-"))).hasSizeLessThanOrEqualTo(4);
		}

		/**
		 * Threads other than the web server's request pool and the test's own HTTP
		 * client, which grow with load by design and shrink when idle.
		 */
		private static int applicationThreads() {
			long[] ids = ManagementFactory.getThreadMXBean().getAllThreadIds();
			return (int) Arrays.stream(ManagementFactory.getThreadMXBean().getThreadInfo(ids))
				.filter((info) -> info != null)
				.map((info) -> info.getThreadName())
				.filter((name) -> !name.startsWith("http-nio-") && !name.startsWith("HttpClient-"))
				.count();
		}

	}

}
