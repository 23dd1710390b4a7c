package de.check24.homewidgets.core.support;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import de.check24.homewidgets.core.cache.InvalidationsMissed;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.infrastructure.LocalRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * One core on real Redis and Kafka in front of the stub products, reset before every
 * test: Redis flushed, breakers closed, memory dropped, stubs serving, clock at now.
 */
@CoreIntegrationTest
public abstract class CoreTestBase {

	protected final StubProducts stubs = StubProducts.shared();

	protected final ObjectMapper objectMapper = new ObjectMapper();

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	@Autowired
	protected StringRedisTemplate redis;

	@Autowired
	protected CircuitBreakerRegistry circuitBreakers;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected MeterRegistry meterRegistry;

	@Autowired
	protected ApplicationEventPublisher events;

	protected HttpTestClient http;

	protected HttpTestClient management;

	@BeforeEach
	void freshStart() {
		LocalRedis.shared().start();
		this.stubs.reset();
		this.clock.reset();
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		forgetPagesInMemory();
		this.http = new HttpTestClient(this.port);
		this.management = new HttpTestClient(this.managementPort);
	}

	@AfterEach
	void releaseStubs() {
		this.stubs.reset();
	}

	/** Makes the next request of every viewer go past this replica's memory. */
	protected void forgetPagesInMemory() {
		this.events.publishEvent(new InvalidationsMissed());
	}

	protected StubProduct stub(Product product) {
		return this.stubs.get(product);
	}

	protected JsonNode json(HttpResponse<String> response) {
		try {
			return this.objectMapper.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException(response.body(), ex);
		}
	}

	protected List<String> titles(HttpResponse<String> response, Product product) {
		List<String> titles = new ArrayList<>();
		json(response).path("services")
			.path(product.section())
			.path("widgets")
			.forEach((widget) -> titles.add(widget.path("data").path("title").asText()));
		return titles;
	}

	protected List<String> widgetIds(HttpResponse<String> response, Product product) {
		List<String> ids = new ArrayList<>();
		json(response).path("services")
			.path(product.section())
			.path("widgets")
			.forEach((widget) -> ids.add(widget.path("widget_id").asText()));
		return ids;
	}

	protected int totalCalls() {
		int calls = 0;
		for (StubProduct stub : this.stubs.all()) {
			calls += stub.widgetCalls();
		}
		return calls;
	}

	protected double count(String meter, String... tags) {
		return this.meterRegistry.find(meter).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

	protected void assertProblem(HttpResponse<String> response, int status, String type) {
		org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(status);
		org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type"))
			.hasValue("application/problem+json");
		org.assertj.core.api.Assertions.assertThat(json(response).path("type").asText())
			.isEqualTo("https://homewidgets.check24.de/problems/" + type);
		org.assertj.core.api.Assertions.assertThat(json(response).path("status").asInt()).isEqualTo(status);
	}

}
