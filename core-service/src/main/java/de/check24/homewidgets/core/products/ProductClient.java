package de.check24.homewidgets.core.products;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.identity.ServiceTokens;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The one way to one product service. Every call carries a token the core signs for this
 * product and the user it acts for, and runs inside the product's own bulkhead (a limit
 * on calls in flight, so a slow product cannot take capacity from the others), circuit
 * breaker (failures and slow calls) and, for reads, retry. Widget and contract reads are
 * asynchronous and cancelled at their deadline, so a hanging product holds neither a
 * thread nor, after the deadline, a connection.
 */
class ProductClient {

	private static final Logger logger = LoggerFactory.getLogger(ProductClient.class);

	private final Product product;

	private final URI baseUrl;

	private final HttpClient http;

	private final Duration readTimeout;

	private final LimitedBody limitedBody;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final ProductCapacity capacity;

	private final Duration admissionBudget;

	private final ScheduledExecutorService scheduler;

	private final WidgetValidation validation;

	private final ServiceTokens tokens;

	private final ObjectMapper objectMapper;

	private final MeterRegistry meterRegistry;

	private final Duration retryAfter;

	private final ProductCallSpans spans;

	ProductClient(Product product, Transport transport, Resilience resilience, WidgetValidation validation,
			ServiceTokens tokens, ProductCallSpans spans, ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		this.spans = spans;
		this.product = product;
		this.baseUrl = transport.baseUrl();
		this.http = transport.http();
		this.readTimeout = transport.readTimeout();
		this.limitedBody = new LimitedBody(transport.maxResponseBytes());
		this.circuitBreaker = resilience.circuitBreaker();
		this.retry = resilience.retry();
		this.capacity = resilience.capacity();
		this.admissionBudget = resilience.admissionBudget();
		this.scheduler = resilience.scheduler();
		this.retryAfter = resilience.retryAfter();
		this.validation = validation;
		this.tokens = tokens;
		this.objectMapper = objectMapper;
		this.meterRegistry = meterRegistry;
	}

	Product product() {
		return this.product;
	}

	/**
	 * The product's widgets for a user.
	 * @param userId the user, {@code null} for the anonymous home
	 * @param admission until when ({@link System#nanoTime()}) the call may wait for a
	 * place at the product
	 * @param deadline how long the call may take once admitted, retries included
	 * @return completes with the valid widgets, with a busy section when the product had
	 * no place in time, or with the fallback section when it failed or was too slow;
	 * never exceptionally
	 */
	CompletableFuture<ProductSection> widgets(Long userId, long admission, Duration deadline) {
		return widgets(userId, admission, false, deadline);
	}

	/**
	 * The product's widgets for a user.
	 * @param userId the user, {@code null} for the anonymous home
	 * @param admission until when ({@link System#nanoTime()}) the call may wait for a
	 * place at the product
	 * @param spare whether the call takes only a place no request wants
	 * @param deadline how long the call may take once admitted, retries included
	 * @return as {@link #widgets(Long, long, Duration)}
	 */
	CompletableFuture<ProductSection> widgets(Long userId, long admission, boolean spare, Duration deadline) {
		if (!(spare ? this.capacity.admitSpare(admission) : this.capacity.admit(admission))) {
			this.meterRegistry.counter("home.sections.fallbacks", "service", this.product.key(), "reason", "busy")
				.increment();
			return CompletableFuture
				.completedFuture(ProductSection.fallback(this.product, ProductSection.Outcome.BUSY));
		}
		String query = (userId != null) ? "?user_id=" + userId : "";
		return read("GET /widget/" + this.product.key(), get("/widget/" + this.product.key() + query, userId), deadline,
				(response) -> {
					if (response.statusCode() != 200) {
						throw new UnexpectedAnswer(
								this.product + " answered " + response.statusCode() + " for its widgets");
					}
					return this.validation.section(this.product, json(response.body()));
				})
			.exceptionally((failure) -> {
				fallback("widgets", failure);
				return ProductSection.fallback(this.product, ProductSection.Outcome.FAILED);
			});
	}

	/**
	 * The user's active contracts with the product.
	 * @param userId the user
	 * @param deadline how long the call may take, retries included
	 * @return completes with the contracts (none when the product answers 404), or an
	 * unavailable marker when the product failed; never exceptionally
	 */
	CompletableFuture<ProductContracts> contracts(long userId, long admission, Duration deadline) {
		if (!this.capacity.admit(admission)) {
			return CompletableFuture.completedFuture(ProductContracts.unavailable(this.product));
		}
		return read("GET /widget/" + this.product.key() + "/contract", get(contractsPath(userId), userId), deadline,
				(response) -> {
					// 404 is the product's way of saying "no contract", not a failure
					if (response.statusCode() == 404) {
						return new ProductContracts(this.product, List.of(), true);
					}
					if (response.statusCode() != 200) {
						throw new UnexpectedAnswer(
								this.product + " answered " + response.statusCode() + " for contracts");
					}
					List<ProductContract> contracts = parse(response.body()).contracts();
					return new ProductContracts(this.product, (contracts != null) ? contracts : List.of(), true);
				})
			.exceptionally((failure) -> {
				logFailure("contracts", failure);
				return ProductContracts.unavailable(this.product);
			});
	}

	/**
	 * Buys an offer. Not retried: a purchase is not idempotent, and a retry after a lost
	 * answer would turn into a 409 for a purchase that succeeded.
	 * @param userId the buyer
	 * @param widgetId the offer
	 * @return the product's answer (201, 404, 409, 400 ...)
	 * @throws CoreProblem 503 when the product failed or its breaker is open
	 */
	ProductReply purchase(long userId, String widgetId) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("user_id", userId);
		order.put("widget_id", widgetId);
		HttpRequest.Builder request = request("/widget/" + this.product.key() + "/contract", userId)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes(order)));
		return exchange("POST /widget/" + this.product.key() + "/contract", request);
	}

	/**
	 * Cancels a contract. Not retried either: after a lost answer a retry would turn a
	 * cancellation that succeeded into a 404.
	 * @param userId the owner
	 * @param widgetId the offer the contract was made from
	 * @return the product's answer (200, 404 ...)
	 * @throws CoreProblem 503 when the product failed or its breaker is open
	 */
	ProductReply cancel(long userId, String widgetId) {
		HttpRequest.Builder request = request("/widget/" + this.product.key() + "/contract/" + userId + "/"
				+ URLEncoder.encode(widgetId, StandardCharsets.UTF_8).replace("+", "%20"), userId)
			.DELETE();
		return exchange("DELETE /widget/" + this.product.key() + "/contract", request);
	}

	/**
	 * The user's contracts with this product as the product lists them.
	 * @param userId the owner
	 * @return the product's answer (200, 404 ...)
	 * @throws CoreProblem 503 when the product failed or its breaker is open
	 */
	ProductReply contractsOf(long userId) {
		return exchange("GET /widget/" + this.product.key() + "/contract", get(contractsPath(userId), userId));
	}

	private String contractsPath(long userId) {
		return "/widget/" + this.product.key() + "/contract/" + userId;
	}

	private HttpRequest.Builder get(String path, Long userId) {
		return request(path, userId).GET();
	}

	private HttpRequest.Builder request(String path, Long userId) {
		return HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(this.readTimeout)
			.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.forCall(this.product.key(), userId));
	}

	/**
	 * An admitted read inside retry and breaker, cancelled at its deadline (the pending
	 * attempt's exchange is aborted and no further attempt starts); its place at the
	 * product is given back when it ends, however it ends.
	 */
	private <T> CompletableFuture<T> read(String what, HttpRequest.Builder builder, Duration deadline,
			Function<HttpResponse<byte[]>, T> reader) {
		Span span = this.spans.start(what, this.product, builder);
		HttpRequest request = builder.build();
		InFlight inFlight = new InFlight();
		Supplier<CompletionStage<T>> attempt = () -> inFlight.start(this.http.sendAsync(request, this.limitedBody))
			.thenApply((response) -> reader.apply(failOnServerError(response)));
		CompletableFuture<T> call = Retry
			.decorateCompletionStage(this.retry, this.scheduler,
					CircuitBreaker.decorateCompletionStage(this.circuitBreaker, attempt))
			.get()
			.toCompletableFuture();
		call.whenComplete((result, failure) -> inFlight.ended(this.capacity, failure));
		ScheduledFuture<?> timer = this.scheduler.schedule(() -> {
			if (call
				.completeExceptionally(new TimeoutException(this.product + " missed its deadline of " + deadline))) {
				inFlight.cancel();
			}
		}, deadline.toNanos(), TimeUnit.NANOSECONDS);
		call.whenComplete((result, failure) -> {
			timer.cancel(false);
			if (failure != null) {
				span.error(failure);
			}
			span.end();
		});
		return call;
	}

	// 4xx answers are the product's business answers (not found, already bought), passed
	// on as they are; 5xx are failures the breaker counts
	private ProductReply exchange(String what, HttpRequest.Builder builder) {
		if (!this.capacity.admit(System.nanoTime() + this.admissionBudget.toNanos())) {
			throw CoreProblem.productUnavailable(this.product.key(), this.retryAfter);
		}
		long admitted = System.nanoTime();
		Throwable failure = null;
		Span span = this.spans.start(what, this.product, builder);
		HttpRequest request = builder.build();
		try {
			return this.circuitBreaker.executeCheckedSupplier(() -> {
				HttpResponse<byte[]> response = failOnServerError(this.http.send(request, this.limitedBody));
				return new ProductReply(response.statusCode(),
						response.headers()
							.firstValue(HttpHeaders.CONTENT_TYPE)
							.map(MediaType::parseMediaType)
							.orElse(null),
						response.headers().firstValue(HttpHeaders.LOCATION).map(URI::create).orElse(null),
						response.body());
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = ex;
			span.error(ex);
			throw CoreProblem.productUnavailable(this.product.key(), this.retryAfter);
		}
		catch (Throwable ex) {
			failure = ex;
			span.error(ex);
			logFailure(what, ex);
			throw CoreProblem.productUnavailable(this.product.key(), this.retryAfter);
		}
		finally {
			span.end();
			this.capacity.release(latency(admitted, failure));
		}
	}

	// what the capacity learns from a call: its time, unless it never reached the product
	private static long latency(long admittedNanos, Throwable failure) {
		if (failure != null && (RetryableProductFailure.unwrap(failure) instanceof CallNotPermittedException
				|| failure instanceof InterruptedException)) {
			return -1;
		}
		return System.nanoTime() - admittedNanos;
	}

	private static HttpResponse<byte[]> failOnServerError(HttpResponse<byte[]> response) {
		if (response.statusCode() >= 500) {
			throw new ServerError(response.uri() + " answered " + response.statusCode());
		}
		return response;
	}

	private JsonNode json(byte[] body) {
		try {
			return this.objectMapper.readTree(body);
		}
		catch (IOException ex) {
			throw new UnexpectedAnswer(this.product + " answered something that is not JSON: " + ex.getMessage());
		}
	}

	private ContractsBody parse(byte[] body) {
		try {
			return this.objectMapper.readValue(body, ContractsBody.class);
		}
		catch (IOException ex) {
			throw new UnexpectedAnswer(this.product + " answered an unreadable contract list: " + ex.getMessage());
		}
	}

	private byte[] bytes(Object body) {
		try {
			return this.objectMapper.writeValueAsBytes(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void fallback(String what, Throwable failure) {
		String reason = reason(RetryableProductFailure.unwrap(failure));
		this.meterRegistry.counter("home.sections.fallbacks", "service", this.product.key(), "reason", reason)
			.increment();
		logFailure(what, failure);
	}

	private static String reason(Throwable cause) {
		if (cause instanceof CallNotPermittedException) {
			return "breaker_open";
		}
		if (cause instanceof TimeoutException || cause instanceof CancellationException
				|| cause instanceof java.net.http.HttpTimeoutException) {
			return "timeout";
		}
		return "failed";
	}

	private void logFailure(String what, Throwable failure) {
		Throwable cause = RetryableProductFailure.unwrap(failure);
		if (cause instanceof CallNotPermittedException) {
			logger.debug("{} {} not called: {}", this.product, what, cause.toString());
		}
		else {
			logger.warn("{} {} failed: {}", this.product, what, cause.toString());
		}
	}

	/** What a product answers for a user's contracts; other fields are ignored. */
	private record ContractsBody(List<ProductContract> contracts) {

	}

	/** How the client reaches its product. */
	record Transport(URI baseUrl, HttpClient http, Duration readTimeout, long maxResponseBytes) {

	}

	/** The product's own resilience instances. */
	record Resilience(CircuitBreaker circuitBreaker, Retry retry, ProductCapacity capacity, Duration admissionBudget,
			ScheduledExecutorService scheduler, Duration retryAfter) {

	}

	/** A product answered with a server error: the breaker counts it, reads retry it. */
	static class ServerError extends RuntimeException {

		ServerError(String message) {
			super(message, null, false, false);
		}

	}

	/** A product answered something other than what the contract promises. */
	static class UnexpectedAnswer extends RuntimeException {

		UnexpectedAnswer(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * The exchange of the attempt under way, so a deadline can abort it; once cancelled,
	 * any later attempt is aborted as it starts.
	 */
	private static final class InFlight {

		private final long admitted = System.nanoTime();

		private CompletableFuture<?> exchange;

		private boolean cancelled;

		private boolean released;

		synchronized <R> CompletableFuture<R> start(CompletableFuture<R> exchange) {
			this.exchange = exchange;
			if (this.cancelled) {
				exchange.cancel(true);
			}
			return exchange;
		}

		synchronized void cancel() {
			this.cancelled = true;
			if (this.exchange != null) {
				this.exchange.cancel(true);
			}
		}

		// the retry chain completes once however the call ends; the place goes back once
		synchronized void ended(ProductCapacity capacity, Throwable failure) {
			if (!this.released) {
				this.released = true;
				capacity.release(latency(this.admitted, failure));
			}
		}

	}

}
