package de.check24.homewidgets.core.health;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreTestBase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load balancer's check on the public port, the operational endpoints on the
 * management port only.
 */
class HealthIntegrationTests extends CoreTestBase {

	@Test
	void reportsUpWithRedisAndBreakerStates() {
		HttpResponse<String> response = http.get("/health");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = json(response);
		assertThat(health.path("status").asText()).isEqualTo("UP");
		assertThat(health.path("redis").asText()).isEqualTo("UP");
		assertThat(health.path("circuit_breakers").path("car-insurance").asText()).isEqualTo("CLOSED");
	}

	@Test
	void exposesProbesAndMetricsOnTheManagementPort() {
		http.home(123L);

		assertThat(management.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(management.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> prometheus = management.get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("home_cache_lookups_total", "resilience4j_circuitbreaker_state",
				"resilience4j_retry_calls", "home_products_capacity_available", "home_redis_up");
	}

	@Test
	void keepsTheOperationalEndpointsOffThePublicPort() {
		for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/metrics",
				"/actuator/circuitbreakers" }) {
			assertThat(http.get(path).statusCode()).as(path).isEqualTo(404);
		}
	}

}
