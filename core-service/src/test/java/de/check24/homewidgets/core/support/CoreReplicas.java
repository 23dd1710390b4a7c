package de.check24.homewidgets.core.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.check24.homewidgets.core.CoreApplication;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts core replicas of their own, as production runs several behind the load balancer:
 * the stub products, this JVM's secrets (the same signing key for every replica), the
 * shared Redis (unless the overrides name a Redis Cluster), no Kafka unless a test adds
 * it, random ports.
 */
public final class CoreReplicas {

	private CoreReplicas() {
	}

	/**
	 * Starts a replica.
	 * @param overrides properties that replace or add to the defaults, e.g.
	 * {@code spring.data.redis.port}
	 * @return the running replica
	 */
	public static ConfigurableApplicationContext start(Map<String, String> overrides) {
		return start(overrides, new Class<?>[0]);
	}

	/**
	 * Starts a replica with configurations of a test's own next to the application's.
	 * @param overrides properties that replace or add to the defaults
	 * @param configurations further configuration classes, e.g. one with a
	 * {@code @Primary} {@link MutableClock}
	 * @return the running replica
	 */
	public static ConfigurableApplicationContext start(Map<String, String> overrides, Class<?>... configurations) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.putAll(StubProducts.shared().properties());
		properties.putAll(TestSecrets.properties());
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		// no Kafka unless asked for; most replica tests are about Redis
		properties.put("home.events.enabled", "false");
		if (!overrides.containsKey("spring.data.redis.cluster.nodes")
				&& !overrides.containsKey("REDIS_CLUSTER_NODES")) {
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", String.valueOf(LocalRedis.shared().port()));
		}
		properties.put("home.stream.heartbeat", "500ms");
		properties.putAll(overrides);
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(CoreApplication.class).sources(configurations)
			.run(arguments.toArray(String[]::new));
	}

	public static HttpTestClient http(ConfigurableApplicationContext replica) {
		return new HttpTestClient(((ServletWebServerApplicationContext) replica).getWebServer().getPort());
	}

}
