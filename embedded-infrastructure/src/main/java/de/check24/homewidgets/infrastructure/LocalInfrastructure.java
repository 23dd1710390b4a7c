package de.check24.homewidgets.infrastructure;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts PostgreSQL (one database per product service), Redis and Kafka on their usual
 * ports and keeps them running until the process is stopped. For running services by hand
 * with {@code java -jar}: {@code ./mvnw -q -pl embedded-infrastructure exec:java}
 * ({@code -Dkafka.autoCreateTopics=false} for a broker that creates no topics on first
 * use).
 */
public final class LocalInfrastructure {

	public static final List<String> PRODUCT_DATABASES = List.of("car_insurance_db", "health_insurance_db",
			"house_insurance_db", "banking_db");

	private LocalInfrastructure() {
	}

	public static void main(String[] args) throws InterruptedException {
		int postgresPort = Integer.parseInt(System.getProperty("postgres.port", "5432"));
		int redisPort = Integer.parseInt(System.getProperty("redis.port", "6379"));
		int kafkaPort = Integer.parseInt(System.getProperty("kafka.port", "9092"));
		boolean autoCreateTopics = Boolean.parseBoolean(System.getProperty("kafka.autoCreateTopics", "true"));
		// started in dependency order; the shutdown sequence stops them newest first
		LocalPostgres postgres = LocalPostgres.start(postgresPort, null);
		PRODUCT_DATABASES.forEach(postgres::createDatabase);
		LocalRedis redis = LocalRedis.start(redisPort);
		LocalKafka kafka = LocalKafka.start(kafkaPort, autoCreateTopics);
		System.out.printf(
				"PostgreSQL 127.0.0.1:%d (user %s, password %s, databases %s)%nRedis      127.0.0.1:%d%n"
						+ "Kafka      %s (auto.create.topics.enable=%s)%nCtrl-C stops everything.%n",
				postgres.port(), LocalPostgres.USER, LocalPostgres.PASSWORD, PRODUCT_DATABASES, redis.port(),
				kafka.bootstrapServers(), autoCreateTopics);
		new CountDownLatch(1).await();
	}

}
