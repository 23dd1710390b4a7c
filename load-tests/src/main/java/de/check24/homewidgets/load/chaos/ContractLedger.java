package de.check24.homewidgets.load.chaos;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the platform durably holds about contracts: the rows in each product's database
 * and the events on the products' Kafka topics ({@code user.*}).
 */
final class ContractLedger {

	private static final ObjectMapper json = new ObjectMapper();

	private final PlatformAddresses addresses;

	ContractLedger(PlatformAddresses addresses) {
		this.addresses = addresses;
	}

	/**
	 * The contract ids in a product's database for users in a range.
	 * @param productKey e.g. {@code car-insurance}
	 * @param fromUser first user id, inclusive
	 * @param toUser last user id, exclusive
	 */
	Set<Long> contracts(String productKey, long fromUser, long toUser) throws SQLException {
		Set<Long> ids = new HashSet<>();
		// the embedded server's published local credentials (LocalPostgres)
		try (Connection connection = DriverManager.getConnection(this.addresses.jdbcUrl(productKey), "postgres",
				"postgres");
				PreparedStatement query = connection
					.prepareStatement("SELECT id FROM contracts WHERE user_id >= ? AND user_id < ?")) {
			query.setLong(1, fromUser);
			query.setLong(2, toUser);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					ids.add(rows.getLong(1));
				}
			}
		}
		return ids;
	}

	/**
	 * Every contract event on the products' topics, read from the beginning.
	 * @param timeout how long reading may take
	 * @return events by "service/event_type/contract_id"
	 */
	Set<String> events(Duration timeout) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.addresses.kafkaBootstrap());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-run-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
		Set<String> events = new HashSet<>();
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics(timeout).entrySet()) {
				if (topic.getKey().startsWith("user.")) {
					topic.getValue()
						.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
				}
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
			while (System.currentTimeMillis() < deadline && !reached(consumer, ends)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					key(record.value()).ifPresent(events::add);
				}
			}
		}
		return events;
	}

	static String key(String service, String type, long contractId) {
		return service + "/" + type + "/" + contractId;
	}

	private static java.util.Optional<String> key(String value) {
		try {
			JsonNode event = json.readTree(value);
			return java.util.Optional.of(key(event.path("service").asText(), event.path("event_type").asText(),
					event.path("contract_id").asLong()));
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
	}

	private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			if (consumer.position(end.getKey()) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

}
