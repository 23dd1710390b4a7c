package de.check24.homewidgets.product.contract;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code {"contract_id": 789, "message": "Success"}}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ContractConfirmation(long contractId, String message) {

	static ContractConfirmation created(Contract contract) {
		return new ContractConfirmation(contract.id(), "Success");
	}

	static ContractConfirmation deleted(Contract contract) {
		return new ContractConfirmation(contract.id(), "Deleted");
	}

}
