package de.check24.homewidgets.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.cache.HomeInvalidated;
import de.check24.homewidgets.core.cache.NearCache;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.support.HttpTestClient;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that starts while Redis is down serves homes fresh, and once Redis comes up
 * caches them and receives other replicas' invalidations, without a restart.
 */
class RedisOutageIntegrationTests {

	@Test
	void startsWithoutRedisAndStartsCachingAndListeningWhenRedisComesUp() throws Exception {
		int redisPort;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		StubProducts.shared().reset();
		ConfigurableApplicationContext replica = start(redisPort);
		LocalRedis redis = null;
		try {
			HttpTestClient http = new HttpTestClient(
					((ServletWebServerApplicationContext) replica).getWebServer().getPort());
			assertThat(http.home(123L).statusCode()).isEqualTo(200);
			assertThat(http.get("/health").body()).contains("\"status\":\"UP\"", "\"redis\":\"DOWN\"");

			redis = LocalRedis.start(redisPort);

			StringRedisTemplate template = replica.getBean(StringRedisTemplate.class);
			NearCache nearCache = replica.getBean(NearCache.class);
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				nearCache.evict(Viewer.user(123));
				assertThat(http.home(123L).statusCode()).isEqualTo(200);
				assertThat(template.hasKey("sdui:home_page:v1:user:123")).isTrue();
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

	private static ConfigurableApplicationContext start(int redisPort) {
		List<String> arguments = new ArrayList<>();
		StubProducts.shared().properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		arguments.add("--server.port=0");
		// no Kafka here; these tests are about Redis
		arguments.add("--home.events.enabled=false");
		arguments.add("--spring.data.redis.host=127.0.0.1");
		arguments.add("--spring.data.redis.port=" + redisPort);
		return new SpringApplicationBuilder(CoreApplication.class).run(arguments.toArray(String[]::new));
	}

}
