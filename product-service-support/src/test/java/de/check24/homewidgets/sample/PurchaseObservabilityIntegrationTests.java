package de.check24.homewidgets.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.infrastructure.EmbeddedInfrastructure;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.product.ContractEvents;
import de.check24.homewidgets.product.CoreTokens;
import de.check24.homewidgets.sdui.WidgetJson;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A purchase as operators see it: one trace from the request (continuing the caller's
 * {@code traceparent}) through the database to the Kafka record the relay sends later on
 * another thread and to the core's cache invalidation; JSON log lines that name the
 * service, the trace and the user; and no token, secret or contract body in the log.
 * Spans are collected by the OpenTelemetry SDK's in-memory exporter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@TestPropertySource(locations = "classpath:sample/sample-product.properties",
		properties = { "product.core.token=" + PurchaseObservabilityIntegrationTests.SERVICE_TOKEN,
				"logging.structured.format.console=logstash", "product.observability.slow-query-threshold=0ms",
				"spring.application.name=sample-product-service" })
@ActiveProfiles("local")
@ExtendWith(OutputCaptureExtension.class)
class PurchaseObservabilityIntegrationTests {

	static final String SERVICE_TOKEN = "core-service-token-that-must-never-be-logged";

	private static final String TOPIC = "user.sample.product.purchased";

	private static final ObjectMapper json = WidgetJson.newMapper();

	private static final StubCore core = StubCore.started();

	@LocalServerPort
	private int port;

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		EmbeddedInfrastructure.postgres(registry, "sample_observed_db");
		EmbeddedInfrastructure.kafka(registry);
		CoreTokens.register(registry);
		registry.add("product.core.base-url", core::baseUrl);
	}

	@Test
	void aPurchaseIsOneTraceFromTheRequestThroughTheDatabaseToTheKafkaRecord() {
		String traceId = randomHex(16);
		long userId = 630_001;

		long contractId = purchase(userId, "00-" + traceId + "-" + randomHex(8) + "-01",
				CoreTokens.shared().forUser("sample", userId));

		assertThat(this.jdbc.queryForObject(
				"SELECT trace_parent FROM outbox WHERE (payload ->> 'contract_id')::bigint = ?", String.class,
				contractId))
			.as("the purchase's trace stored with its event")
			.contains(traceId);
		try (ContractEvents events = ContractEvents.on(LocalKafka.shared().bootstrapServers(), TOPIC)) {
			ConsumerRecord<String, String> record = events.awaitEventFor(contractId, "contract_created",
					Duration.ofSeconds(30));
			Header traceParent = record.headers().lastHeader("traceparent");
			assertThat(traceParent).as("trace context in the record's headers").isNotNull();
			assertThat(new String(traceParent.value(), StandardCharsets.UTF_8)).contains(traceId);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(core.received()).as("the core's cache invalidation continues the purchase's trace")
						.anySatisfy((call) -> assertThat(call.traceParent()).contains(traceId)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			List<SpanData> trace = this.spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getTraceId().equals(traceId))
				.toList();
			assertThat(trace).as("the purchase request")
				.anySatisfy((span) -> assertThat(span.getKind()).isEqualTo(SpanKind.SERVER));
			assertThat(trace).as("the contract's insert")
				.anySatisfy((span) -> assertThat(span.getName()).isEqualTo("Contracts.save"));
			assertThat(trace).as("the relay's Kafka send")
				.anySatisfy((span) -> assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER));
		});
	}

	@Test
	void logsJsonLinesWithServiceTraceAndUserButNoTokenSecretOrBody(CapturedOutput output) {
		String traceId = randomHex(16);
		long userId = 630_002;
		String token = CoreTokens.shared().forUser("sample", userId);

		purchase(userId, "00-" + traceId + "-" + randomHex(8) + "-01", token);

		List<JsonNode> requestLines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains(traceId))
			.map(PurchaseObservabilityIntegrationTests::read)
			.toList();
		assertThat(requestLines).as("log lines of the purchase request").isNotEmpty().allSatisfy((line) -> {
			assertThat(line.path("service").asText()).isEqualTo("sample-product-service");
			assertThat(line.path("trace_id").asText()).isEqualTo(traceId);
			assertThat(line.path("span_id").asText()).hasSize(16);
			assertThat(line.path("user_id").asText()).isEqualTo(String.valueOf(userId));
			assertThat(line.has("traceId")).isFalse();
		});
		assertThat(requestLines)
			.anySatisfy((line) -> assertThat(line.path("message").asText()).startsWith("Slow query"));
		assertThat(output.getAll()).doesNotContain(token)
			.doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(SERVICE_TOKEN)
			.doesNotContain(purchaseBody(userId));
	}

	private long purchase(long userId, String traceParent, String token) {
		JsonNode confirmation = RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/widget/sample/contract")
			.header("traceparent", traceParent)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.body(purchaseBody(userId))
			.retrieve()
			.body(JsonNode.class);
		return confirmation.path("contract_id").asLong();
	}

	private static String purchaseBody(long userId) {
		return "{\"user_id\": " + userId + ", \"widget_id\": \"sample_offer\"}";
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static JsonNode read(String line) {
		try {
			return json.readTree(line);
		}
		catch (Exception ex) {
			throw new AssertionError("Not a JSON log line: " + line, ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InMemorySpans {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

}
