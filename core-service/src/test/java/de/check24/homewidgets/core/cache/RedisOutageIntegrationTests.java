package de.check24.homewidgets.core.cache;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProduct;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestProducts;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis comes and goes: a replica that starts while Redis is down serves homes fresh, and
 * once Redis comes up caches them and hears other replicas' invalidations without a
 * restart; after an outage it forgets the pages it kept, because invalidations sent
 * meanwhile never reached it.
 */
class RedisOutageIntegrationTests {

	@Test
	void startsWithoutRedisAndStartsCachingAndListeningWhenRedisComesUp() throws Exception {
		int redisPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		StubProducts.shared().reset();
		ConfigurableApplicationContext replica = CoreReplicas
			.start(Map.of("spring.data.redis.port", String.valueOf(redisPort)));
		LocalRedis redis = null;
		try {
			HttpTestClient http = CoreReplicas.http(replica);
			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			assertThat(http.get("/health").body()).contains("\"status\":\"UP\"", "\"redis\":\"DOWN\"");

			redis = LocalRedis.start(redisPort);

			StringRedisTemplate template = replica.getBean(StringRedisTemplate.class);
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				replica.publishEvent(new InvalidationsMissed());
				assertThat(http.home(123L).statusCode()).isEqualTo(200);
				assertThat(template.hasKey("sdui:home_page:v1:{user:123}")).isTrue();
			});
			List<HomeInvalidated> received = new CopyOnWriteArrayList<>();
			replica.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) (event) -> {
				if (event.getPayload() instanceof HomeInvalidated invalidated) {
					received.add(invalidated);
				}
			});
			// another replica's message, straight onto the channel
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				template.convertAndSend("sdui:home_page:v1:invalidations",
						"{\"origin\":\"elsewhere\",\"everyone\":false,\"user_id\":123,\"service\":\"banking\"}");
				assertThat(received).isNotEmpty();
			});
		}
		finally {
			replica.close();
			if (redis != null) {
				redis.close();
			}
		}
	}

	@Test
	void forgetsThePagesItKeptWhenItSubscribesAgainAfterAnOutage() throws Exception {
		StubProducts.shared().reset();
		LocalRedis redis = LocalRedis.shared();
		redis.start();
		ConfigurableApplicationContext replica = CoreReplicas.start(Map.of());
		try {
			HttpTestClient http = CoreReplicas.http(replica);
			List<InvalidationsMissed> missed = new CopyOnWriteArrayList<>();
			replica.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) (event) -> {
				if (event.getPayload() instanceof InvalidationsMissed notice) {
					missed.add(notice);
				}
			});
			StubProduct car = StubProducts.shared().get(TestProducts.CAR_INSURANCE);
			assertThat(http.home(9001L).statusCode()).isEqualTo(200);

			redis.stop();
			redis.start();

			await().atMost(Duration.ofSeconds(20)).until(() -> !missed.isEmpty());
			assertThat(http.home(9001L).statusCode()).isEqualTo(200);
			// the page was not served from memory: Redis came back empty, so it was
			// fetched
			assertThat(car.widgetCalls()).isEqualTo(2);
		}
		finally {
			replica.close();
			redis.start();
		}
	}

}
