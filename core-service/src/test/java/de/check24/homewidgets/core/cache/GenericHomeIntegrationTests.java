package de.check24.homewidgets.core.cache;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.StubProducts;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The anonymous home, which a crowd of cold users is shown while their products are busy,
 * is back in Redis by itself after a flush (as after a Redis restart), before anyone asks
 * for it.
 */
class GenericHomeIntegrationTests {

	private static ConfigurableApplicationContext core;

	@BeforeAll
	static void startACoreThatKeepsTheGenericHome() {
		StubProducts.shared().reset();
		core = CoreReplicas
			.start(Map.of("home.cache.keep-generic-home", "true", "home.cache.generic-home-check", "200ms"));
	}

	@AfterAll
	static void stop() {
		core.close();
	}

	@Test
	void putsTheAnonymousHomeBackAfterRedisLostIt() {
		StringRedisTemplate redis = core.getBean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Boolean.TRUE.equals(redis.hasKey("sdui:home_page:v1:{anonymous}")));

		redis.execute((RedisCallback<Object>) (RedisConnection connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.opsForHash().keys("sdui:home_page:v1:{anonymous}"))
				.as("the anonymous home's sections")
				.isNotEmpty());
	}

}
