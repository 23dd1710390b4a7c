package de.check24.homewidgets.product;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.sdui.ContractEvent;
import de.check24.homewidgets.sdui.ContractSchema;
import de.check24.homewidgets.sdui.ContractValidator;
import de.check24.homewidgets.sdui.WidgetJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads a product topic with a real consumer, as the core would, and checks every record
 * against the contract's event schema.
 */
public final class ContractEvents implements AutoCloseable {

	private static final ObjectMapper json = WidgetJson.newMapper();

	private static final ContractValidator validator = ContractValidator.create();

	private final KafkaConsumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();

	private ContractEvents(String bootstrapServers, String topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"contract-events-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		this.consumer.subscribe(List.of(topic));
	}

	public static ContractEvents on(String bootstrapServers, String topic) {
		return new ContractEvents(bootstrapServers, topic);
	}

	/**
	 * Waits for the event about a contract.
	 * @param contractId the contract
	 * @param timeout how long to wait
	 * @return the record carrying it
	 */
	public ConsumerRecord<String, String> awaitEventFor(long contractId, String eventType, Duration timeout) {
		return await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(100)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.received::add);
			return this.received.stream()
				.filter((record) -> contractId == read(record.value()).path("contract_id").asLong())
				.filter((record) -> eventType.equals(read(record.value()).path("event_type").asText()))
				.findFirst()
				.orElse(null);
		}, (record) -> record != null);
	}

	/**
	 * Parses a record's value after checking it against the event schema.
	 * @param record the record
	 * @return the event
	 */
	public static ContractEvent event(ConsumerRecord<String, String> record) {
		assertThat(validator.validate(ContractSchema.CONTRACT_EVENT, read(record.value()))).isEmpty();
		try {
			return json.readValue(record.value(), ContractEvent.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode read(String value) {
		try {
			return json.readTree(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
