package de.check24.homewidgets.product.contract;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;

/** The user holds no such contract. */
final class ContractNotFound extends ProductProblem {

	private ContractNotFound(String detail, Map<String, Object> properties) {
		super(HttpStatus.NOT_FOUND, "contract-not-found", "Contract not found", detail, properties);
	}

	static ContractNotFound forUser(long userId, String widgetId) {
		return new ContractNotFound("User " + userId + " holds no contract for '" + widgetId + "'.",
				Map.of("user_id", userId, "widget_id", widgetId));
	}

	static ContractNotFound forUser(long userId) {
		return new ContractNotFound("User " + userId + " holds no contract.", Map.of("user_id", userId));
	}

}
