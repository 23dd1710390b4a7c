package de.check24.homewidgets.core.products;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the product services in parallel on a bounded pool, so a page costs about the
 * slowest product rather than the sum, and no product can hold a page longer than the
 * fan-out deadline.
 */
public class ProductClients {

	private static final Logger logger = LoggerFactory.getLogger(ProductClients.class);

	private final Map<Product, ProductClient> clients;

	private final ExecutorService executor;

	private final long deadlineNanos;

	ProductClients(List<ProductClient> clients, ExecutorService executor, Duration deadline) {
		this.clients = new EnumMap<>(Product.class);
		clients.forEach((client) -> this.clients.put(client.product(), client));
		this.executor = executor;
		this.deadlineNanos = deadline.toNanos();
	}

	/**
	 * Fetches the sections of the given products in parallel.
	 * @param userId the user, {@code null} for the anonymous home
	 * @param products which products to ask
	 * @return a section per product: real widgets, or the fallback card when the product
	 * failed, was too slow or the pool was saturated
	 */
	public Map<Product, ProductSection> widgets(Long userId, Collection<Product> products) {
		return fanOut(products, (client) -> client.widgets(userId), ProductSection::unavailable);
	}

	/**
	 * Asks every product for the user's contracts in parallel.
	 * @param userId the user
	 * @return the contracts per product
	 */
	public Map<Product, ProductContracts> contracts(long userId) {
		return fanOut(List.of(Product.values()), (client) -> client.contracts(userId), ProductContracts::unavailable);
	}

	/**
	 * Buys an offer from its product, once (a purchase is never retried).
	 * @param product the owning product
	 * @param userId the buyer
	 * @param widgetId the offer
	 * @return the product's answer, to pass on
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	public ProductReply purchase(Product product, long userId, String widgetId) {
		return this.clients.get(product).purchase(userId, widgetId);
	}

	/**
	 * Cancels a contract with its product.
	 * @param product the owning product
	 * @param userId the owner
	 * @param widgetId the offer the contract was made from
	 * @return the product's answer, to pass on
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	public ProductReply cancel(Product product, long userId, String widgetId) {
		return this.clients.get(product).cancel(userId, widgetId);
	}

	/**
	 * A user's contracts with one product, as the product answers.
	 * @param product the product
	 * @param userId the owner
	 * @return the product's answer, to pass on
	 * @throws ProductUnavailable when the product failed or its breaker is open
	 */
	public ProductReply contractsOf(Product product, long userId) {
		return this.clients.get(product).contractsOf(userId);
	}

	void close() {
		this.executor.shutdownNow();
	}

	private <T> Map<Product, T> fanOut(Collection<Product> products, Function<ProductClient, T> call,
			Function<Product, T> fallback) {
		long deadline = System.nanoTime() + this.deadlineNanos;
		Map<Product, CompletableFuture<T>> pending = new EnumMap<>(Product.class);
		for (Product product : products) {
			ProductClient client = this.clients.get(product);
			try {
				pending.put(product, CompletableFuture.supplyAsync(() -> call.apply(client), this.executor));
			}
			catch (RejectedExecutionException ex) {
				logger.warn("Product call pool saturated, {} falls back", product.key());
				pending.put(product, CompletableFuture.completedFuture(fallback.apply(product)));
			}
		}
		Map<Product, T> results = new EnumMap<>(Product.class);
		pending.forEach((product, future) -> results.put(product, await(product, future, deadline, fallback)));
		return results;
	}

	private <T> T await(Product product, CompletableFuture<T> future, long deadline, Function<Product, T> fallback) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("{} missed the fan-out deadline, serving fallback", product.key());
			return fallback.apply(product);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fallback.apply(product);
		}
		catch (ExecutionException ex) {
			return fallback.apply(product);
		}
	}

}
