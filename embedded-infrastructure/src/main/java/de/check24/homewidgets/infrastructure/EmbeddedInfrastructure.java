package de.check24.homewidgets.infrastructure;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Hands the shared servers' connection properties to Spring. Tests call these from a
 * {@code DynamicPropertyRegistrar} bean or a {@code @DynamicPropertySource} method.
 */
public final class EmbeddedInfrastructure {

	private EmbeddedInfrastructure() {
	}

	/**
	 * Points {@code spring.datasource.*} at a database of its own on the shared
	 * PostgreSQL.
	 * @param registry where the properties go
	 * @param database the database to create and use
	 */
	public static void postgres(DynamicPropertyRegistry registry, String database) {
		LocalPostgres postgres = LocalPostgres.shared();
		String url = postgres.createDatabase(database);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> LocalPostgres.USER);
		registry.add("spring.datasource.password", () -> LocalPostgres.PASSWORD);
	}

	/**
	 * Points {@code spring.data.redis.*} at the shared Redis.
	 * @param registry where the properties go
	 */
	public static void redis(DynamicPropertyRegistry registry) {
		LocalRedis redis = LocalRedis.shared();
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
	}

	/**
	 * Points {@code spring.kafka.bootstrap-servers} at the shared Kafka broker.
	 * @param registry where the properties go
	 */
	public static void kafka(DynamicPropertyRegistry registry) {
		LocalKafka kafka = LocalKafka.shared();
		registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
	}

	/**
	 * Points {@code spring.data.redis.cluster.nodes} at the shared six-node Redis
	 * Cluster.
	 * @param registry where the properties go
	 */
	public static void redisCluster(DynamicPropertyRegistry registry) {
		LocalRedisCluster cluster = LocalRedisCluster.shared();
		registry.add("spring.data.redis.cluster.nodes", cluster::nodes);
	}

	/**
	 * Points {@code spring.kafka.bootstrap-servers} at the shared three-broker Kafka
	 * cluster.
	 * @param registry where the properties go
	 */
	public static void kafkaCluster(DynamicPropertyRegistry registry) {
		LocalKafkaCluster cluster = LocalKafkaCluster.shared();
		registry.add("spring.kafka.bootstrap-servers", cluster::bootstrapServers);
	}

}
