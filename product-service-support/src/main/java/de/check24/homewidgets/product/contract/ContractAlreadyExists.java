package de.check24.homewidgets.product.contract;

import java.util.Map;

import de.check24.homewidgets.product.web.ProductProblem;

import org.springframework.http.HttpStatus;

/** The user already bought this offer; names the existing contract. */
final class ContractAlreadyExists extends ProductProblem {

	private ContractAlreadyExists(Contract existing) {
		super(HttpStatus.CONFLICT, "contract-already-exists", "Contract already exists",
				"User " + existing.userId() + " already holds contract " + existing.id() + " for '"
						+ existing.widgetId() + "'.",
				Map.of("contract_id", existing.id(), "user_id", existing.userId(), "widget_id", existing.widgetId()));
	}

	static ContractAlreadyExists of(Contract existing) {
		return new ContractAlreadyExists(existing);
	}

}
