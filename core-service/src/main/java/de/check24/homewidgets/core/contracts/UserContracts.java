package de.check24.homewidgets.core.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductFanOut;
import de.check24.homewidgets.core.products.ProductContract;
import de.check24.homewidgets.core.products.ProductContracts;
import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.stereotype.Component;

/** A user's active contracts across all products, asked in parallel. */
@Component
class UserContracts {

	private final ProductFanOut products;

	UserContracts(ProductFanOut products) {
		this.products = products;
	}

	Overview forUser(Viewer viewer, long userId) {
		viewer.requireSelf(userId);
		Map<Product, ProductContracts> answers = this.products.contracts(userId);
		Map<String, Contract> contracts = new LinkedHashMap<>();
		List<String> unavailable = new ArrayList<>();
		for (Map.Entry<Product, ProductContracts> entry : answers.entrySet()) {
			Product product = entry.getKey();
			ProductContracts answer = entry.getValue();
			if (!answer.available()) {
				unavailable.add(product.section());
			}
			contracts.put(product.section(),
					answer.contracts().isEmpty() ? null : Contract.of(answer.contracts().get(0)));
		}
		boolean hasContract = contracts.values().stream().anyMatch((contract) -> contract != null);
		return new Overview(hasContract, contracts, unavailable);
	}

	/**
	 * @param hasContract whether any product reported a contract
	 * @param contracts per section the most relevant active contract, {@code null} when
	 * there is none (or the product could not be asked)
	 * @param unavailableServices sections whose product could not be asked
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Overview(boolean hasContract, Map<String, Contract> contracts, List<String> unavailableServices) {

	}

	/**
	 * @param widgetId the offer the contract was made from
	 * @param data the offer's data; may be {@code null}
	 * @param contractId the product's contract id
	 * @param createdAt when it was bought; may be {@code null}
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Contract(String widgetId, JsonNode data, long contractId, Instant createdAt) {

		static Contract of(ProductContract contract) {
			return new Contract(contract.widgetId(), contract.data(), contract.contractId(), contract.createdAt());
		}

	}

}
