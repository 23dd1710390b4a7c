package de.check24.homewidgets.core.products;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The product services and how the core talks to them. Breaker, retry and bulkhead
 * settings live under {@code resilience4j.*.configs.product}, with optional overrides
 * under {@code resilience4j.*.instances.<service-key>}.
 *
 * @param order the products' keys in the order their sections appear
 * ({@code HOME_PRODUCTS})
 * @param catalog per product key its settings; every key in {@code order} needs one
 * @param connectTimeout TCP connect timeout per call
 * @param readTimeout time until a product's answer has arrived, per attempt, unless the
 * product sets its own
 * @param deadline the longest a page waits for a section, retries included; a section
 * still missing by then shows its fallback and the call is cancelled
 * @param minConcurrentCalls the fewest calls in flight to one product its learnt limit
 * may come down to ({@code HOME_PRODUCT_MIN_CONCURRENT_CALLS}); equal to the maximum, the
 * limit is fixed
 * @param maxConcurrentCalls the most calls in flight to one product from this replica,
 * unless the product sets its own (its bulkhead); the limit in between is learnt from the
 * product's latency ({@code HOME_PRODUCT_MAX_CONCURRENT_CALLS})
 * @param admissionBudget the longest a request waits for a place at a product; a section
 * whose product had none by then is not asked ({@code HOME_PRODUCT_ADMISSION_BUDGET})
 * @param maxResponseSize the most of a product's answer the core reads
 */
@Validated
@ConfigurationProperties("home.products")
record ProductsProperties(@NotEmpty List<String> order, @NotNull Map<String, @Valid Settings> catalog,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @NotNull Duration deadline,
		@Min(1) int minConcurrentCalls, @Min(1) int maxConcurrentCalls, @NotNull Duration admissionBudget,
		@NotNull DataSize maxResponseSize) {

	/**
	 * One product's settings ({@code {KEY}_SERVICE_*} environment variables, see
	 * {@link ProductEnvironment}).
	 *
	 * @param baseUrl e.g. {@code http://localhost:8001} ({@code {KEY}_SERVICE_URL})
	 * @param title the section headline ({@code {KEY}_SERVICE_TITLE}); defaults to the
	 * key
	 * @param section the section name; defaults to the key with {@code -} as {@code _}
	 * @param topic its contract event topic ({@code {KEY}_SERVICE_TOPIC}); defaults to
	 * {@code user.<key with . for ->.purchased}
	 * @param serviceTokens the credentials it calls the core with
	 * ({@code {KEY}_SERVICE_TOKEN}, comma-separated while rotating); may be empty
	 * @param ttl how long its section is fresh ({@code {KEY}_SERVICE_TTL}); {@code null}
	 * for {@code home.cache.ttl}
	 * @param readTimeout its own read timeout ({@code {KEY}_SERVICE_TIMEOUT}); may be
	 * {@code null}
	 * @param maxConcurrentCalls its own concurrency limit; may be {@code null}
	 */
	record Settings(@NotNull URI baseUrl, String title, String section, String topic, List<String> serviceTokens,
			Duration ttl, Duration readTimeout, Integer maxConcurrentCalls) {

		Settings {
			serviceTokens = (serviceTokens != null) ? List.copyOf(serviceTokens) : List.of();
		}

	}

}
