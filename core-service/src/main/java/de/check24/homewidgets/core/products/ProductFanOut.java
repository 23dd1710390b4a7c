package de.check24.homewidgets.core.products;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import de.check24.homewidgets.core.identity.ServiceTokens;
import de.check24.homewidgets.core.web.CoreProblem;

/**
 * Asks the product services in parallel, so a page costs about the slowest product rather
 * than the sum, and forwards contract calls to the owning product. Each product's calls
 * are limited, protected and cancelled by its own {@link ProductClient}, so one slow
 * product never costs the others their sections.
 */
public class ProductFanOut {

	private final ProductCatalog catalog;

	private final Map<Product, ProductClient> clients = new LinkedHashMap<>();

	private final Duration deadline;

	private final Duration admissionBudget;

	private final List<ExecutorService> executors;

	private final ServiceTokens tokens;

	private final Executor signers;

	ProductFanOut(ProductCatalog catalog, List<ProductClient> clients, Duration deadline, Duration admissionBudget,
			ServiceTokens tokens, Executor signers, List<ExecutorService> executors) {
		this.catalog = catalog;
		this.tokens = tokens;
		this.signers = signers;
		clients.forEach((client) -> this.clients.put(client.product(), client));
		this.deadline = deadline;
		this.admissionBudget = admissionBudget;
		this.executors = executors;
	}

	void close() {
		this.executors.forEach(ExecutorService::shutdownNow);
	}

	/**
	 * Fetches the sections of the given products in parallel, for a request waiting on
	 * them: a product without a free place within the admission budget is not asked.
	 * @param userId the user, {@code null} for the anonymous home
	 * @param products which products to ask
	 * @return a section per product, in the order asked: real widgets, a busy section, or
	 * the fallback card when the product failed or was too slow
	 */
	public Map<Product, ProductSection> widgets(Long userId, Collection<Product> products) {
		return widgets(userId, products, this.admissionBudget, false);
	}

	/**
	 * Fetches the sections of the given products in parallel for work nobody waits on:
	 * each call takes only a place at its product that no request wants, waiting at most
	 * {@code admission} in all.
	 * @param userId the user
	 * @param products which products to ask
	 * @param admission how long to wait for spare places
	 * @return a section per product, in the order asked; busy where none was spare in
	 * time
	 */
	public Map<Product, ProductSection> widgetsFromSpareCapacity(Long userId, Collection<Product> products,
			Duration admission) {
		return widgets(userId, products, admission, true);
	}

	private Map<Product, ProductSection> widgets(Long userId, Collection<Product> products, Duration admission,
			boolean spare) {
		long admitBy = System.nanoTime() + admission.toNanos();
		this.tokens.prepare(products.stream().map(Product::key).toList(), userId, this.signers);
		return fanOut(products, (client) -> client.widgets(userId, admitBy, spare, this.deadline));
	}

	/**
	 * Asks every product for the user's contracts in parallel.
	 * @param userId the user
	 * @return the contracts per product, in catalog order
	 */
	public Map<Product, ProductContracts> contracts(long userId) {
		long admitBy = System.nanoTime() + this.admissionBudget.toNanos();
		this.tokens.prepare(this.catalog.all().stream().map(Product::key).toList(), userId, this.signers);
		return fanOut(this.catalog.all(), (client) -> client.contracts(userId, admitBy, this.deadline));
	}

	/**
	 * Buys an offer from its product, once.
	 * @param productKey the owning product's key
	 * @param userId the buyer
	 * @param widgetId the offer
	 * @return the product's answer, to pass on
	 * @throws CoreProblem 404 for an unknown product, 503 when it failed
	 */
	public ProductReply purchase(String productKey, long userId, String widgetId) {
		return client(productKey).purchase(userId, widgetId);
	}

	/**
	 * Cancels a contract with its product, once.
	 * @param productKey the owning product's key
	 * @param userId the owner
	 * @param widgetId the offer the contract was made from
	 * @return the product's answer, to pass on
	 * @throws CoreProblem 404 for an unknown product, 503 when it failed
	 */
	public ProductReply cancel(String productKey, long userId, String widgetId) {
		return client(productKey).cancel(userId, widgetId);
	}

	/**
	 * A user's contracts with one product, as the product answers.
	 * @param productKey the product's key
	 * @param userId the owner
	 * @return the product's answer, to pass on
	 * @throws CoreProblem 404 for an unknown product, 503 when it failed
	 */
	public ProductReply contractsOf(String productKey, long userId) {
		return client(productKey).contractsOf(userId);
	}

	/**
	 * The product a key names.
	 * @param productKey a service key from a request
	 * @return the product
	 * @throws CoreProblem 404 for an unknown key
	 */
	public Product product(String productKey) {
		return this.catalog.forKey(productKey).orElseThrow(() -> CoreProblem.unknownService(productKey));
	}

	private ProductClient client(String productKey) {
		return this.clients.get(product(productKey));
	}

	// every call completes by its own deadline, never exceptionally
	private <T> Map<Product, T> fanOut(Collection<Product> products,
			Function<ProductClient, CompletableFuture<T>> call) {
		Map<Product, CompletableFuture<T>> pending = new LinkedHashMap<>();
		for (Product product : products) {
			pending.put(product, call.apply(this.clients.get(product)));
		}
		Map<Product, T> results = new LinkedHashMap<>();
		pending.forEach((product, future) -> results.put(product, future.join()));
		return results;
	}

}
