package de.check24.homewidgets.core.observability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import de.check24.homewidgets.core.support.CarInsuranceService;
import de.check24.homewidgets.core.support.CoreReplicas;
import de.check24.homewidgets.core.support.EventStream;
import de.check24.homewidgets.core.support.OtlpReceiver;
import de.check24.homewidgets.core.support.OtlpReceiver.ExportedSpan;
import de.check24.homewidgets.core.support.StubProducts;
import de.check24.homewidgets.core.support.TestSecrets;
import de.check24.homewidgets.core.support.Tokens;
import de.check24.homewidgets.infrastructure.LocalKafka;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the client's request through the core, into the real car-insurance
 * service and its database, and for a purchase on through the product's outbox relay and
 * Kafka back into the core's invalidation and the push to the buyer's screen. Both
 * processes export to a trace backend the test runs, which proves the parent/child links
 * across processes and across Kafka.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceIntegrationTests {

	private static final String OFFER = "car_offer_huk24";

	private static CarInsuranceService car;

	private static ConfigurableApplicationContext core;

	private final OtlpReceiver traces = OtlpReceiver.shared();

	@BeforeAll
	static void startTheProductAndATracedCore() {
		LocalRedis.shared().start();
		LocalKafka.shared().start();
		car = CarInsuranceService.shared();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("home.products.catalog.car-insurance.base-url", car.url());
		properties.put("home.products.catalog.car-insurance.service-tokens", CarInsuranceService.SERVICE_TOKEN);
		properties.put("server.port", String.valueOf(car.corePort()));
		properties.put("home.events.enabled", "true");
		properties.put("spring.kafka.bootstrap-servers", LocalKafka.shared().bootstrapServers());
		properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
		// a group of its own: in the shared group another test's core, which exports no
		// spans, may own the partition the purchase's event lands on
		properties.put("spring.kafka.consumer.group-id", "trace-tests-" + UUID.randomUUID());
		properties.put("OTEL_EXPORTER_OTLP_ENDPOINT", OtlpReceiver.shared().endpoint());
		properties.put("management.tracing.sampling.probability", "1.0");
		properties.put("LOG_FORMAT", "logstash");
		core = CoreReplicas.start(properties);
	}

	@AfterAll
	static void stopTheCore() {
		if (core != null) {
			core.close();
		}
	}

	@Test
	void aColdHomeIsOneTraceWithTheRedisReadAndEachProductCallDownToTheProductsDatabase() {
		StubProducts.shared().reset();
		HttpResponse<String> home = CoreReplicas.http(core)
			.get("/home", "Authorization", "Bearer " + Tokens.forUser(8801));
		assertThat(home.statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			ExportedSpan request = only(this.traces.spans(), "core-service", "http get /home");
			List<ExportedSpan> trace = this.traces.trace(request.traceId());
			ExportedSpan redisRead = named(trace, "core-service", "redis read home");
			assertThat(redisRead.parentSpanId()).isEqualTo(request.spanId());
			ExportedSpan carCall = named(trace, "core-service", "GET /widget/car-insurance");
			assertThat(carCall.parentSpanId()).isEqualTo(request.spanId());
			assertThat(carCall.kind()).isEqualTo("SPAN_KIND_CLIENT");
			for (String product : List.of("health-insurance", "house-insurance", "banking")) {
				assertThat(named(trace, "core-service", "GET /widget/" + product).parentSpanId())
					.isEqualTo(request.spanId());
			}
			ExportedSpan productServer = trace.stream()
				.filter((span) -> span.service().equals("car-insurance-service")
						&& span.parentSpanId().equals(carCall.spanId()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("car-insurance did not continue the trace"));
			assertThat(productServer.kind()).isEqualTo("SPAN_KIND_SERVER");
			assertThat(descendants(trace, productServer)).as("the product's database query")
				.anySatisfy((span) -> assertThat(span.service()).isEqualTo("car-insurance-service"));
		});
	}

	@Test
	void aPurchaseIsOneTraceThroughTheProductItsOutboxKafkaTheInvalidationAndThePush(CapturedOutput output) {
		long user = 8802;
		String token = Tokens.forUser(user);
		EventStream stream = EventStream.open(CoreReplicas.http(core).baseUrl(), user);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events().isEmpty());
			HttpResponse<String> purchase = CoreReplicas.http(core)
				.post("/widget/car-insurance/contract", "{\"user_id\": " + user + ", \"widget_id\": \"" + OFFER + "\"}",
						"Authorization", "Bearer " + token);
			assertThat(purchase.statusCode()).isEqualTo(201);

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				ExportedSpan request = only(this.traces.spans(), "core-service",
						"http post /widget/{service_key}/contract");
				List<ExportedSpan> trace = this.traces.trace(request.traceId());
				ExportedSpan producer = trace.stream()
					.filter((span) -> span.service().equals("car-insurance-service")
							&& span.kind().equals("SPAN_KIND_PRODUCER"))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no Kafka send in the purchase's trace"));
				ExportedSpan consumer = trace.stream()
					.filter((span) -> span.service().equals("core-service") && span.kind().equals("SPAN_KIND_CONSUMER")
							&& span.parentSpanId().equals(producer.spanId()))
					.findFirst()
					.orElseThrow(() -> new AssertionError("the core's consumer did not continue the trace"));
				ExportedSpan invalidation = descendants(trace, consumer).stream()
					.filter((span) -> span.name().equals("invalidate home"))
					.findFirst()
					.orElseThrow(() -> new AssertionError("no invalidation under the consumer"));
				assertThat(descendants(trace, invalidation)).extracting(ExportedSpan::name)
					.contains("notify subscribers");
			});
		}
		finally {
			stream.close();
		}
		// nothing secret reaches a log: not the buyer's token, not a service credential,
		// not a key
		for (String log : List.of(output.getAll(), car.log())) {
			assertThat(log).doesNotContain(token)
				.doesNotContain(CarInsuranceService.SERVICE_TOKEN)
				.doesNotContain(Tokens.SECRET)
				.doesNotContain(TestSecrets.signingKey().getD().toString());
		}
	}

	private static ExportedSpan only(List<ExportedSpan> spans, String service, String name) {
		List<ExportedSpan> matching = spans.stream()
			.filter((span) -> span.service().equals(service) && span.name().equalsIgnoreCase(name))
			.toList();
		assertThat(matching).as("spans named %s of %s", name, service).isNotEmpty();
		return matching.get(matching.size() - 1);
	}

	private static ExportedSpan named(List<ExportedSpan> trace, String service, String name) {
		Optional<ExportedSpan> span = trace.stream()
			.filter((candidate) -> candidate.service().equals(service) && candidate.name().equalsIgnoreCase(name))
			.findFirst();
		assertThat(span).as("span %s of %s in the trace", name, service).isPresent();
		return span.get();
	}

	private static List<ExportedSpan> descendants(List<ExportedSpan> trace, ExportedSpan root) {
		List<ExportedSpan> found = new java.util.ArrayList<>();
		List<ExportedSpan> frontier = List.of(root);
		while (!frontier.isEmpty()) {
			List<String> ids = frontier.stream().map(ExportedSpan::spanId).toList();
			frontier = trace.stream().filter((span) -> ids.contains(span.parentSpanId())).toList();
			found.addAll(frontier);
		}
		return found;
	}

}
