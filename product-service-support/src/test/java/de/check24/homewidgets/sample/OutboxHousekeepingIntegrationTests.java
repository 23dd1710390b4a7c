package de.check24.homewidgets.sample;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.product.CoreTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox keeps itself small and keeps moving: published rows go after the retention
 * period, a message Kafka will never take is parked and counted instead of blocking every
 * later one, and a parked message holds back only the later messages of its own user.
 * Against real PostgreSQL and Kafka; the producer's size limit is lowered so a "too
 * large" message is cheap to make.
 */
@SpringBootTest
@TestPropertySource(locations = "classpath:sample/sample-product.properties",
		properties = { "product.core.base-url=http://127.0.0.1:9", "product.outbox.purge-interval=200ms",
				"product.outbox.retention=7d", "spring.kafka.producer.properties.max.request.size=4096" })
@ActiveProfiles("local")
class OutboxHousekeepingIntegrationTests {

	private static final String TOPIC = "user.sample.product.purchased";

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_outbox_db");
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
	}

	@BeforeEach
	void startWithAnEmptyOutbox() {
		this.jdbc.update("DELETE FROM outbox");
	}

	@Test
	void purgesPublishedMessagesPastTheRetentionPeriodAndKeepsTheRest() {
		long old = insert("800001", event(800001), "PUBLISHED", Instant.now().minus(Duration.ofDays(8)));
		long recent = insert("800002", event(800002), "PUBLISHED", Instant.now().minus(Duration.ofDays(6)));
		long parked = insert("800003", event(800003), "PARKED", null);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(exists(old)).isFalse());
		assertThat(exists(recent)).isTrue();
		assertThat(exists(parked)).as("parked messages wait for an operator").isTrue();
	}

	@Test
	void parksAMessageKafkaRefusesCountsItAndPublishesTheOthers() {
		double parkedBefore = this.meters.counter("product.outbox.parked").count();
		long tooLarge = insert("800011", "{\"padding\": \"" + "x".repeat(8 * 1024) + "\"}", "PENDING", null);
		long sameUserLater = insert("800011", event(800011), "PENDING", null);
		long otherUser = insert("800012", event(800012), "PENDING", null);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(status(otherUser)).isEqualTo("PUBLISHED"));
		assertThat(status(tooLarge)).isEqualTo("PARKED");
		assertThat(lastError(tooLarge)).contains("RecordTooLargeException");
		assertThat(this.meters.counter("product.outbox.parked").count()).isEqualTo(parkedBefore + 1);
		assertThat(status(sameUserLater)).as("a later event of the parked message's user must not overtake it")
			.isEqualTo("PENDING");

		// the operator drops the broken message; the user's later event follows at once
		this.jdbc.update("DELETE FROM outbox WHERE id = ?", tooLarge);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(status(sameUserLater)).isEqualTo("PUBLISHED"));
		try (var events = de.check24.homewidgets.product.ContractEvents.on(LocalKafka.shared().bootstrapServers(),
				TOPIC)) {
			ConsumerRecord<String, String> record = events.awaitEventFor(800011, "contract_created",
					Duration.ofSeconds(30));
			assertThat(record.key()).isEqualTo("800011");
		}
	}

	@Test
	void reportsBacklogAndPublishDelay() {
		long published = insert("800021", event(800021), "PENDING", null);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(status(published)).isEqualTo("PUBLISHED"));
		assertThat(this.meters.get("product.outbox.publish.delay").timer().count()).isPositive();
		assertThat(this.meters.get("product.outbox.backlog").gauge().value()).isZero();
	}

	private long insert(String key, String payload, String status, Instant publishedAt) {
		return this.jdbc.queryForObject("""
				INSERT INTO outbox (topic, message_key, payload, created_at, status, published_at)
				VALUES (?, ?, ?::jsonb, now(), ?, ?) RETURNING id""", Long.class, TOPIC, key, payload, status,
				(publishedAt != null) ? Timestamp.from(publishedAt) : null);
	}

	private static String event(long userId) {
		return """
				{"event_type": "contract_created", "user_id": %d, "widget_id": "sample_offer",
				 "timestamp": "2026-11-27T10:00:00Z", "contract_id": %d, "service": "sample"}""".formatted(userId,
				userId);
	}

	private boolean exists(long id) {
		return this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE id = ?", Integer.class, id) == 1;
	}

	private String status(long id) {
		return this.jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	private String lastError(long id) {
		Map<String, Object> row = this.jdbc.queryForMap("SELECT last_error FROM outbox WHERE id = ?", id);
		return String.valueOf(row.get("last_error"));
	}

}
