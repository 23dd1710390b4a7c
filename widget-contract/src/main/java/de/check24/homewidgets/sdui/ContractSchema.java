package de.check24.homewidgets.sdui;

/**
 * The JSON Schema documents (draft 2020-12) shipped with the contract, under
 * {@code /schema/}.
 */
public enum ContractSchema {

	WIDGET("widget.schema.json"), PRODUCT_RESPONSE("product-response.schema.json"),
	HOME_RESPONSE("home-response.schema.json"), CONTRACT_EVENT("contract-event.schema.json"),
	USER_CONTRACTS("user-contracts.schema.json");

	/** Every schema's {@code $id} is this prefix followed by its file name. */
	static final String ID_PREFIX = "https://homewidgets.check24.de/schema/";

	private final String fileName;

	ContractSchema(String fileName) {
		this.fileName = fileName;
	}

	/**
	 * File name under {@code /schema/}, which is also the last segment of the schema's
	 * {@code $id}.
	 * @return e.g. {@code widget.schema.json}
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * The schema's {@code $id}, by which the schemas reference each other.
	 * @return e.g. {@code https://homewidgets.check24.de/schema/widget.schema.json}
	 */
	public String id() {
		return ID_PREFIX + this.fileName;
	}

	/**
	 * Classpath location of the schema.
	 * @return e.g. {@code /schema/widget.schema.json}
	 */
	public String resourcePath() {
		return "/schema/" + this.fileName;
	}

}
