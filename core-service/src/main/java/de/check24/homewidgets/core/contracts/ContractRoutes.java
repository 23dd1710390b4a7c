package de.check24.homewidgets.core.contracts;

import de.check24.homewidgets.core.cache.HomeCache;
import de.check24.homewidgets.core.config.ProblemTypes;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductClients;
import de.check24.homewidgets.core.products.ProductReply;
import de.check24.homewidgets.core.security.Viewer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Buys, cancels and lists contracts on behalf of the signed-in user by forwarding to the
 * owning product service through its breaker-protected client. The product's answer
 * (status, {@code Location}, body or problem detail) is passed on unchanged. After a
 * successful purchase or cancellation the user's section is invalidated here at once, so
 * the buyer's next {@code /home} shows it even before the product's own invalidation
 * (HTTP callback and Kafka event) arrives; those then invalidate again, harmlessly.
 */
@Component
class ContractRoutes {

	static final String CREATED = "contract_created";

	static final String DELETED = "contract_deleted";

	private final ProductClients products;

	private final HomeCache homeCache;

	ContractRoutes(ProductClients products, HomeCache homeCache) {
		this.products = products;
		this.homeCache = homeCache;
	}

	ResponseEntity<byte[]> purchase(Viewer viewer, String serviceKey, ContractOrder order) {
		Product product = product(serviceKey);
		long userId = self(viewer, order.userId());
		ProductReply reply = this.products.purchase(product, userId, order.widgetId());
		return invalidatedOnSuccess(reply, userId, product, CREATED);
	}

	ResponseEntity<byte[]> cancel(Viewer viewer, String serviceKey, long userId, String widgetId) {
		Product product = product(serviceKey);
		self(viewer, userId);
		ProductReply reply = this.products.cancel(product, userId, widgetId);
		return invalidatedOnSuccess(reply, userId, product, DELETED);
	}

	ResponseEntity<byte[]> contractsOf(Viewer viewer, String serviceKey, long userId) {
		Product product = product(serviceKey);
		self(viewer, userId);
		return this.products.contractsOf(product, userId).toResponse();
	}

	private ResponseEntity<byte[]> invalidatedOnSuccess(ProductReply reply, long userId, Product product,
			String reason) {
		if (reply.successful()) {
			this.homeCache.invalidate(Viewer.user(userId), product, reason);
		}
		return reply.toResponse();
	}

	private static Product product(String serviceKey) {
		return Product.forKey(serviceKey).orElseThrow(() -> NoSuchService.named(serviceKey));
	}

	private static long self(Viewer viewer, long userId) {
		if (!viewer.is(userId)) {
			throw ForeignUser.of(userId);
		}
		return userId;
	}

	/** The path named a service the core does not know. */
	static class NoSuchService extends ErrorResponseException {

		private NoSuchService(ProblemDetail problem) {
			super(HttpStatus.NOT_FOUND, problem, null);
		}

		static NoSuchService named(String serviceKey) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no service '"
					+ serviceKey + "'; use car-insurance, health-insurance, house-insurance or banking");
			problem.setType(ProblemTypes.of("unknown-service"));
			problem.setTitle("Unknown service");
			return new NoSuchService(problem);
		}

	}

}
