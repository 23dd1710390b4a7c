package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LocalInfrastructureTests {

	@Test
	void postgresServesADatabaseOfItsOwn() throws Exception {
		String url = LocalPostgres.shared().createDatabase("infra_check");
		try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
				ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("infra_check");
		}
	}

	@Test
	void postgresKeepsItsDataAcrossRestartsInADataDirectory(@TempDir Path dataDirectory) throws Exception {
		String url;
		try (LocalPostgres first = LocalPostgres.start(0, dataDirectory)) {
			url = first.createDatabase("kept");
			try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
				connection.createStatement()
					.execute("CREATE TABLE purchases (id INT); INSERT INTO purchases VALUES (7)");
			}
		}
		try (LocalPostgres second = LocalPostgres.start(0, dataDirectory);
				Connection connection = DriverManager.getConnection(second.jdbcUrl("kept"), LocalPostgres.USER,
						LocalPostgres.PASSWORD);
				ResultSet result = connection.createStatement().executeQuery("SELECT id FROM purchases")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(7);
		}
	}

	@Test
	void postgresComesBackOnTheSamePortWithItsDataAfterAStop() throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start(0, null)) {
			String url = postgres.createDatabase("outage");
			try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
				connection.createStatement()
					.execute("CREATE TABLE purchases (id INT); INSERT INTO purchases VALUES (9)");
			}

			postgres.stop();
			assertThat(postgres.isRunning()).isFalse();
			assertThat(isListening(postgres.port())).isFalse();

			postgres.start();
			try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
					ResultSet result = connection.createStatement().executeQuery("SELECT id FROM purchases")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(9);
			}
		}
	}

	@Test
	void redisAnswersAgainAfterARestartOnTheSamePort() {
		LocalRedis redis = LocalRedis.shared();
		assertThat(RedisProcess.ping(redis.port())).isEqualTo("+PONG");
		long pid = redis.pid();

		redis.stop();
		assertThat(redis.isRunning()).isFalse();
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the redis-server process").isEmpty();
		assertThat(RedisProcess.ping(redis.port())).isNull();

		redis.start();
		assertThat(RedisProcess.ping(redis.port())).isEqualTo("+PONG");
	}

	@Test
	void kafkaDeliversARecordAlsoAfterARestartOnTheSamePort() {
		LocalKafka kafka = LocalKafka.shared();
		kafka.stop();
		assertThat(kafka.isRunning()).isFalse();
		assertThat(isListening(kafka.port())).isFalse();

		kafka.start();
		send(kafka.bootstrapServers(), "infra.check", "hello");
		assertThat(receive(kafka.bootstrapServers(), "infra.check", 1)).containsExactly("hello");
	}

	@Test
	void kafkaWithoutAutomaticTopicsServesDeclaredTopicsOnlyAndKeepsThemAcrossARestart() throws Exception {
		try (LocalKafka kafka = LocalKafka.start(0, false)) {
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> sendWithin(kafka.bootstrapServers(), "undeclared", "lost", Duration.ofSeconds(3)))
				.withMessageContaining("not present in metadata");

			kafka.createTopics(3, "declared");
			kafka.stop();
			kafka.start();

			assertThat(topics(kafka.bootstrapServers())).contains("declared").doesNotContain("undeclared");
			send(kafka.bootstrapServers(), "declared", "kept");
			assertThat(receive(kafka.bootstrapServers(), "declared", 1)).containsExactly("kept");
		}
	}

	static void send(String bootstrapServers, String topic, String value) {
		try {
			sendWithin(bootstrapServers, topic, value, Duration.ofSeconds(30));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sendWithin(String bootstrapServers, String topic, String value, Duration maxBlock)
			throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.MAX_BLOCK_MS_CONFIG,
						(int) maxBlock.toMillis()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "123", value)).get();
		}
	}

	static List<String> receive(String bootstrapServers, String topic, int count) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"infra-check-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> values.add(record.value()));
				return values.size() >= count;
			});
		}
		return values;
	}

	private static java.util.Set<String> topics(String bootstrapServers) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			return admin.listTopics().names().get();
		}
	}

	static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
