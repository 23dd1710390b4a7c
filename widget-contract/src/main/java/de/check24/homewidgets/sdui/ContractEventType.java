package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What happened to a contract. */
public enum ContractEventType {

	@JsonProperty("contract_created")
	CONTRACT_CREATED,

	@JsonProperty("contract_deleted")
	CONTRACT_DELETED

}
