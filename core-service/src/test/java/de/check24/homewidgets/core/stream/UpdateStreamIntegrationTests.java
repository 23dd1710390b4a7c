package de.check24.homewidgets.core.stream;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UpdateStreamIntegrationTests extends CoreTestBase {

	private final List<EventStream> streams = new ArrayList<>();

	@AfterEach
	void closeStreams() {
		this.streams.forEach(EventStream::close);
	}

	private EventStream subscribe(Long userId) {
		return keep(EventStream.open(http.baseUrl(), userId));
	}

	private EventStream keep(EventStream stream) {
		this.streams.add(stream);
		return stream;
	}

	private EventStream connected(EventStream stream) {
		assertThat(stream.status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> stream.events().stream().anyMatch((event) -> "connected".equals(event.name())));
		return stream;
	}

	private void invalidate(long userId, String reason) {
		assertThat(http
			.post("/cache/invalidate", "{\"user_id\": " + userId + ", \"reason\": \"" + reason + "\"}",
					"X-Service-Token", TestSecrets.serviceToken(TestProducts.BANKING))
			.statusCode()).isEqualTo(202);
	}

	private void invalidateEveryHome() {
		assertThat(management.delete("/actuator/homecache").statusCode()).isEqualTo(200);
	}

	private String ticket(long userId) {
		HttpResponse<String> response = http.post("/stream/ticket", "", "Authorization",
				"Bearer " + Tokens.forUser(userId));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(json(response).path("expires_in").asInt()).isEqualTo(30);
		return json(response).path("ticket").asText();
	}

	private double subscribers() {
		return meterRegistry.get("home.stream.subscribers").gauge().value();
	}

	@Nested
	class Events {

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

			invalidate(123, "contract_created");

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
			assertThat(data.path("service").asText()).isEqualTo("banking");
			assertThat(data.path("reason").asText()).isEqualTo("contract_created");
			assertThat(data.path("timestamp").asText()).isNotBlank();
		}

		@Test
		void keepsOneUsersInvalidationsFromOtherSubscribers() {
			EventStream user123 = connected(subscribe(123L));
			EventStream user456 = connected(subscribe(456L));
			EventStream anonymous = connected(subscribe(null));

			invalidate(123, "contract_created");
			await().atMost(Duration.ofSeconds(5)).until(() -> user123.invalidations().size() == 1);
			// a later invalidation of every home reaches everyone; had the first one
			// leaked, it would have arrived before this one
			invalidateEveryHome();

			for (EventStream stream : List.of(user123, user456, anonymous)) {
				await().atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> assertThat(stream.invalidations()).last()
						.satisfies((data) -> assertThat(data.path("reason").asText()).isEqualTo("operator")));
			}
			assertThat(user456.invalidations()).hasSize(1);
			assertThat(anonymous.invalidations()).hasSize(1);
			assertThat(user123.invalidations()).hasSize(2);
			assertThat(anonymous.invalidations().get(0).path("user_id").isNull()).isTrue();
		}

	}

	@Nested
	class Tickets {

		@Test
		void opensTheUsersStreamWithATicketInsteadOfATokenInTheUrl() {
			EventStream stream = keep(EventStream.withTicket(http.baseUrl(), ticket(789)));
			connected(stream);

			invalidate(789, "contract_deleted");

			await().atMost(Duration.ofSeconds(5)).until(() -> stream.invalidations().size() == 1);
			assertThat(stream.events().get(0).json().path("user_id").asLong()).isEqualTo(789);
		}

		@Test
		void refusesATicketRedeemedTwice() {
			String ticket = ticket(790);
			connected(keep(EventStream.withTicket(http.baseUrl(), ticket)));

			EventStream again = keep(EventStream.withTicket(http.baseUrl(), ticket));

			assertThat(again.status()).isEqualTo(401);
			assertThat(again.contentType()).startsWith("application/problem+json");
			assertThat(again.errorBody()).contains("unauthorized");
		}

		@Test
		void refusesAnInventedTicketAndATicketRequestWithoutAToken() {
			assertThat(keep(EventStream.withTicket(http.baseUrl(), "invented")).status()).isEqualTo(401);
			assertProblem(http.post("/stream/ticket", ""), 401, "unauthorized");
		}

		@Test
		void doesNotTakeATokenFromTheUrl() {
			EventStream stream = connected(keep(EventStream.withTokenInTheUrl(http.baseUrl(), Tokens.forUser(791))));

			assertThat(stream.events().get(0).json().path("user_id").isNull()).isTrue();
			assertThat(http.get("/user/123/contracts?access_token=" + Tokens.forUser(123)).statusCode()).isEqualTo(401);
		}

		@Test
		void refusesABadTokenInTheHeaderWithAProblemDetail() {
			EventStream header = keep(
					EventStream.open(http.baseUrl(), "Authorization", "Bearer " + Tokens.signedWithAnotherKey(123)));

			assertThat(header.status()).isEqualTo(401);
			assertThat(header.contentType()).startsWith("application/problem+json");
		}

	}

	@Nested
	class Limits {

		@Test
		void refusesTheSixthStreamOfOneUserAndAllowsItOnceOneCloses() {
			List<EventStream> five = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				five.add(connected(subscribe(555L)));
			}

			EventStream sixth = subscribe(555L);

			assertThat(sixth.status()).isEqualTo(429);
			assertThat(sixth.errorBody()).contains("too-many-streams");
			five.get(0).close();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(subscribe(555L).status()).isEqualTo(200));
		}

		@Test
		void forgetsFiveHundredClientsThatConnectedAndWentAwayWithoutLeakingThreads() throws Exception {
			// warm the pools first, so that their threads do not count as leaked
			connected(subscribe(1L)).close();
			await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
			int threadsBefore = applicationThreads();

			List<CompletableFuture<EventStream>> opening = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				opening.add(EventStream.openUnread(http.baseUrl(), (i % 2 == 0) ? (long) (1000 + i) : null));
			}
			List<EventStream> opened = new ArrayList<>();
			for (CompletableFuture<EventStream> future : opening) {
				opened.add(future.get(60, TimeUnit.SECONDS));
			}
			assertThat(opened).allSatisfy((stream) -> assertThat(stream.status()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(20)).until(() -> subscribers() == 500);
			invalidateEveryHome();

			opened.forEach(EventStream::close);

			await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(applicationThreads()).isLessThanOrEqualTo(threadsBefore + 5));
			assertThat(Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("stream-senders-"))).hasSizeLessThanOrEqualTo(4);
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
