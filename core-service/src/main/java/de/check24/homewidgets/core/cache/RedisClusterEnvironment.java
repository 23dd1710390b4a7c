package de.check24.homewidgets.core.cache;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * {@code REDIS_CLUSTER_NODES} ({@code host:port,host:port,...}) switches the core from a
 * single Redis node ({@code REDIS_HOST}, {@code REDIS_PORT}) to a Redis Cluster. Only a
 * non-blank value may reach {@code spring.data.redis.cluster.nodes}: Spring Boot takes
 * even an empty node list for cluster mode.
 */
class RedisClusterEnvironment implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String nodes = environment.getProperty("REDIS_CLUSTER_NODES");
		if (StringUtils.hasText(nodes)) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("homeRedisCluster", Map.of("spring.data.redis.cluster.nodes", nodes)));
		}
	}

}
