package de.check24.homewidgets.core.contracts;

import de.check24.homewidgets.core.cache.Invalidations;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.products.ProductReply;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Buys, cancels and lists contracts on behalf of the signed-in user by forwarding to the
 * owning product service through its client. The product's answer (status,
 * {@code Location}, body or problem detail) is passed on unchanged. After a successful
 * purchase or cancellation the user's section is invalidated here at once, so the buyer's
 * next {@code /home} shows it even before the product's own invalidation (HTTP callback
 * and Kafka event) arrives; those then invalidate again, harmlessly.
 */
@Component
class ContractForwarding {

	static final String CREATED = "contract_created";

	static final String DELETED = "contract_deleted";

	private final ProductFanOut products;

	private final Invalidations invalidations;

	ContractForwarding(ProductFanOut products, Invalidations invalidations) {
		this.products = products;
		this.invalidations = invalidations;
	}

	ResponseEntity<byte[]> purchase(Viewer viewer, String serviceKey, ContractOrder order) {
		Product product = this.products.product(serviceKey);
		long userId = viewer.requireSelf(order.userId());
		return invalidatedOnSuccess(this.products.purchase(product.key(), userId, order.widgetId()), userId, product,
				CREATED);
	}

	ResponseEntity<byte[]> cancel(Viewer viewer, String serviceKey, long userId, String widgetId) {
		Product product = this.products.product(serviceKey);
		viewer.requireSelf(userId);
		return invalidatedOnSuccess(this.products.cancel(product.key(), userId, widgetId), userId, product, DELETED);
	}

	ResponseEntity<byte[]> contractsOf(Viewer viewer, String serviceKey, long userId) {
		Product product = this.products.product(serviceKey);
		viewer.requireSelf(userId);
		return this.products.contractsOf(product.key(), userId).toResponse();
	}

	private ResponseEntity<byte[]> invalidatedOnSuccess(ProductReply reply, long userId, Product product,
			String reason) {
		if (reply.successful()) {
			this.invalidations.invalidate(Viewer.user(userId), product, reason, Invalidations.Source.PURCHASE);
		}
		return reply.toResponse();
	}

}
