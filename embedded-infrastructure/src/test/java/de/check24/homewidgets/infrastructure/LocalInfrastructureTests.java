package de.check24.homewidgets.infrastructure;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
	void redisAnswersAgainAfterARestartOnTheSamePort() throws Exception {
		LocalRedis redis = LocalRedis.shared();
		assertThat(ping(redis.port())).isEqualTo("+PONG");
		redis.stop();
		assertThat(redis.isRunning()).isFalse();
		redis.start();
		assertThat(ping(redis.port())).isEqualTo("+PONG");
	}

	@Test
	void kafkaDeliversARecordAlsoAfterARestartOnTheSamePort() {
		LocalKafka kafka = LocalKafka.shared();
		kafka.stop();
		assertThat(kafka.isRunning()).isFalse();
		kafka.start();
		String servers = kafka.bootstrapServers();
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>("infra.check", "123", "hello")).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "infra-check",
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("infra.check"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				records = consumer.poll(Duration.ofMillis(500));
			}
			assertThat(records.iterator().next().value()).isEqualTo("hello");
		}
	}

	private static String ping(int port) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
