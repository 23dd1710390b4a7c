package de.check24.homewidgets.core.products;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.contract.Widget;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The one way to one product service: a RestClient with connect and read timeouts, inside
 * the product's circuit breaker, inside its retry, with a named fallback. Every call the
 * core makes to a product goes through {@link #protect(Supplier)}.
 */
class ProductClient {

	private static final Logger logger = LoggerFactory.getLogger(ProductClient.class);

	private static final ParameterizedTypeReference<ContractsBody> CONTRACTS = new ParameterizedTypeReference<>() {
	};

	private final Product product;

	private final RestClient restClient;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final WidgetValidation validation;

	private final Counter fallbacks;

	ProductClient(Product product, RestClient restClient, CircuitBreaker circuitBreaker, Retry retry,
			WidgetValidation validation, MeterRegistry meterRegistry) {
		this.product = product;
		this.restClient = restClient;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.validation = validation;
		this.fallbacks = Counter.builder("home.sections.fallbacks")
			.description("Sections served as the fallback card because the product failed")
			.tag("service", product.key())
			.register(meterRegistry);
	}

	Product product() {
		return this.product;
	}

	/**
	 * The product's widgets for a user.
	 * @param userId the user, {@code null} for the anonymous home
	 * @return the valid widgets, or the fallback section when the product failed
	 */
	ProductSection widgets(Long userId) {
		try {
			return ProductSection.of(this.product, protect(() -> fetchWidgets(userId)));
		}
		catch (RuntimeException ex) {
			return widgetsFallback(ex);
		}
	}

	/**
	 * The user's active contracts with the product.
	 * @param userId the user
	 * @return the contracts (empty when the product answers 404), or an unavailable
	 * marker when the product failed
	 */
	ProductContracts contracts(long userId) {
		try {
			return new ProductContracts(this.product, protect(() -> fetchContracts(userId)), true);
		}
		catch (RuntimeException ex) {
			logFailure("contracts", ex);
			return ProductContracts.unavailable(this.product);
		}
	}

	private List<Widget> fetchWidgets(Long userId) {
		JsonNode body = this.restClient.get()
			.uri((uri) -> uri.path("/widget/{key}")
				.queryParamIfPresent("user_id", Optional.ofNullable(userId))
				.build(this.product.key()))
			.retrieve()
			.body(JsonNode.class);
		return this.validation.validWidgets(this.product, body);
	}

	private List<ProductContract> fetchContracts(long userId) {
		try {
			ContractsBody body = this.restClient.get()
				.uri("/widget/{key}/contract/{userId}", this.product.key(), userId)
				.retrieve()
				.body(CONTRACTS);
			return (body != null && body.contracts() != null) ? body.contracts() : List.of();
		}
		catch (HttpClientErrorException.NotFound ex) {
			// 404 is the product's way of saying "no contract", not a failure
			return List.of();
		}
	}

	private <T> T protect(Supplier<T> call) {
		return Retry.decorateSupplier(this.retry, CircuitBreaker.decorateSupplier(this.circuitBreaker, call)).get();
	}

	private ProductSection widgetsFallback(RuntimeException ex) {
		logFailure("widgets", ex);
		this.fallbacks.increment();
		return ProductSection.unavailable(this.product);
	}

	private void logFailure(String what, RuntimeException ex) {
		if (ex instanceof CallNotPermittedException) {
			logger.debug("{} breaker open, serving {} fallback", this.product.key(), what);
		}
		else {
			logger.warn("{} {} failed, serving fallback: {}", this.product.key(), what, ex.toString());
		}
	}

	private record ContractsBody(List<ProductContract> contracts) {

	}

}
