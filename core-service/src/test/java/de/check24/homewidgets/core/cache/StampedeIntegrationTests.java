package de.check24.homewidgets.core.cache;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CarInsuranceService;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * More users are cold at once than the real car-insurance service has places for in this
 * replica: those without a place within the admission budget get the generic home at
 * once, marked provisional, and their screens are told to refetch once their personal
 * home is built; in the end every one of them has a personal home.
 */
class StampedeIntegrationTests {

	private static final int USERS = 24;

	private static ConfigurableApplicationContext core;

	private final ObjectMapper objectMapper = new ObjectMapper();

	@BeforeAll
	static void startACoreWithOnePlaceAtCarInsurance() {
		LocalRedis.shared().start();
		LocalKafka.shared().start();
		CarInsuranceService car = CarInsuranceService.shared();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("home.products.catalog.car-insurance.base-url", car.url());
		properties.put("home.products.catalog.car-insurance.service-tokens", CarInsuranceService.SERVICE_TOKEN);
		properties.put("home.products.catalog.car-insurance.max-concurrent-calls", "1");
		properties.put("home.products.admission-budget", "1ms");
		// the product verifies the core's tokens with the keys at its CORE_SERVICE_URL
		properties.put("server.port", String.valueOf(car.corePort()));
		core = CoreReplicas.start(properties);
	}

	@AfterAll
	static void stopTheCore() {
		if (core != null) {
			core.close();
		}
	}

	@Test
	void answersTheUsersWithoutAPlaceWithTheGenericHomeAtOnceAndPushesTheirPersonalOneLater() throws Exception {
		StubProducts.shared().reset();
		HttpTestClient http = CoreReplicas.http(core);
		// the generic home in the cache first, as it is whenever anyone has looked before
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			core.publishEvent(new InvalidationsMissed());
			return !http.home(null).body().contains("fallback_error_card");
		});
		List<Long> users = new ArrayList<>();
		List<EventStream> streams = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			long user = 9400 + i;
			users.add(user);
			EventStream stream = EventStream.open(http.baseUrl(), user);
			streams.add(stream);
		}
		ExecutorService clients = Executors.newFixedThreadPool(USERS);
		try {
			for (EventStream stream : streams) {
				await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
			}
			List<Future<HttpResponse<String>>> homes = new ArrayList<>();
			for (long user : users) {
				homes.add(clients.submit(() -> http.home(user)));
			}
			List<Integer> provisional = new ArrayList<>();
			for (int i = 0; i < USERS; i++) {
				HttpResponse<String> home = homes.get(i).get();
				assertThat(home.statusCode()).isEqualTo(200);
				JsonNode body = this.objectMapper.readTree(home.body());
				if (body.path("provisional").asBoolean()) {
					// the generic car section, not the fallback card
					JsonNode car = body.path("services").path("car_insurance").path("widgets");
					assertThat(car.get(0).path("widget_id").asText()).isNotEqualTo("fallback_error_card");
					provisional.add(i);
				}
			}
			assertThat(provisional).as("users answered with the generic home").isNotEmpty();

			for (int i : provisional) {
				EventStream stream = streams.get(i);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> stream.invalidations()
						.stream()
						.anyMatch((data) -> "personal_home_ready".equals(data.path("reason").asText())));
			}
			// everyone ends with a personal home (one whose car call failed under this
			// machine's load gets it on the next request, like any failed section)
			for (long user : users) {
				await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
					JsonNode body = this.objectMapper.readTree(http.home(user).body());
					assertThat(body.path("provisional").asBoolean()).as("user %d's home", user).isFalse();
					assertThat(body.path("services")
						.path("car_insurance")
						.path("widgets")
						.get(0)
						.path("widget_id")
						.asText()).isNotEqualTo("fallback_error_card");
				});
			}
		}
		finally {
			clients.shutdownNow();
			streams.forEach(EventStream::close);
		}
	}

}
