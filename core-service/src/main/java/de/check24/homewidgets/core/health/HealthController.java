package de.check24.homewidgets.core.health;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import de.check24.homewidgets.core.cache.RedisStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The load balancer's health check. The core is UP while it can answer {@code /home},
 * which it can without Redis and without any product (it degrades instead), so their
 * states are reported but do not make it DOWN. Detailed health is at
 * {@code /actuator/health}.
 */
@RestController
class HealthController {

	private final RedisStatus redis;

	private final CircuitBreakerRegistry circuitBreakers;

	HealthController(RedisStatus redis, CircuitBreakerRegistry circuitBreakers) {
		this.redis = redis;
		this.circuitBreakers = circuitBreakers;
	}

	@GetMapping("/health")
	Health health() {
		return new Health("UP", "core-service", this.redis.available() ? "UP" : "DOWN", breakers());
	}

	private Map<String, String> breakers() {
		Map<String, String> states = new TreeMap<>();
		this.circuitBreakers.getAllCircuitBreakers()
			.forEach((breaker) -> states.put(breaker.getName(), breaker.getState().name()));
		return states;
	}

	/**
	 * @param status always {@code UP} while the process answers
	 * @param service {@code core-service}
	 * @param redis {@code UP} or {@code DOWN}
	 * @param circuitBreakers state per breaker
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Health(String status, String service, String redis, Map<String, String> circuitBreakers) {

	}

}
