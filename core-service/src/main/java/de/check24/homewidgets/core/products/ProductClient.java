package de.check24.homewidgets.core.products;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
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

	/**
	 * Buys an offer. Not retried: a purchase is not idempotent, and a retry after a lost
	 * answer would turn into a 409 for a purchase that succeeded.
	 * @param userId the buyer
	 * @param widgetId the offer
	 * @return the product's answer (201, 404, 409, 400 ...)
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	ProductReply purchase(long userId, String widgetId) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("user_id", userId);
		order.put("widget_id", widgetId);
		return call("purchase",
				() -> exchange(this.restClient.post()
					.uri("/widget/{key}/contract", this.product.key())
					.contentType(MediaType.APPLICATION_JSON)
					.body(order)),
				false);
	}

	/**
	 * Cancels a contract; retried like reads, a repeated cancellation is harmless.
	 * @param userId the owner
	 * @param widgetId the offer the contract was made from
	 * @return the product's answer (200, 404 ...)
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	ProductReply cancel(long userId, String widgetId) {
		return call("cancel", () -> exchange(this.restClient.delete()
			.uri("/widget/{key}/contract/{userId}/{widgetId}", this.product.key(), userId, widgetId)), true);
	}

	/**
	 * The user's contracts with this product as the product lists them.
	 * @param userId the owner
	 * @return the product's answer (200, 404 ...)
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	ProductReply contractsOf(long userId) {
		return call("contracts",
				() -> exchange(
						this.restClient.get().uri("/widget/{key}/contract/{userId}", this.product.key(), userId)),
				true);
	}

	private ProductReply call(String what, Supplier<ProductReply> call, boolean retryable) {
		try {
			return retryable ? protect(call) : CircuitBreaker.decorateSupplier(this.circuitBreaker, call).get();
		}
		catch (RuntimeException ex) {
			logFailure(what, ex);
			throw ProductUnavailable.of(this.product, ex);
		}
	}

	// 4xx answers are the product's business answers (not found, already bought), passed
	// on as they are; 5xx are failures the breaker counts
	private static ProductReply exchange(RestClient.RequestHeadersSpec<?> request) {
		return request.exchange((clientRequest, response) -> {
			byte[] body = StreamUtils.copyToByteArray(response.getBody());
			if (response.getStatusCode().is5xxServerError()) {
				throw HttpServerErrorException.create(response.getStatusCode(), response.getStatusText(),
						response.getHeaders(), body, null);
			}
			return new ProductReply(response.getStatusCode().value(), response.getHeaders().getContentType(),
					response.getHeaders().getLocation(), body);
		});
	}

	private List<HomeWidget> fetchWidgets(Long userId) {
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
			logger.warn("{} {} failed: {}", this.product.key(), what, ex.toString());
		}
	}

	private record ContractsBody(List<ProductContract> contracts) {

	}

}
