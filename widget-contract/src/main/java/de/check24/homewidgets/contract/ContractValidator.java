package de.check24.homewidgets.contract;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates JSON documents against the contract's schemas. Thread-safe; build one and
 * share it, since loading the schemas is the expensive part.
 */
public final class ContractValidator {

	private static final String SCHEMA_ID_PREFIX = "https://homewidgets.check24.de/schema/";

	private final Map<ContractSchema, JsonSchema> schemas = new EnumMap<>(ContractSchema.class);

	private ContractValidator() {
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, (builder) -> builder
			.schemaMappers((mappers) -> mappers.mapPrefix(SCHEMA_ID_PREFIX, "classpath:schema/")));
		for (ContractSchema schema : ContractSchema.values()) {
			this.schemas.put(schema, factory.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + schema.fileName())));
		}
	}

	/**
	 * Loads all contract schemas.
	 * @return a ready validator
	 */
	public static ContractValidator create() {
		return new ContractValidator();
	}

	/**
	 * Validates a document.
	 * @param schema the schema to validate against
	 * @param document the parsed JSON document
	 * @return human-readable violations, each naming the offending JSON path; empty when
	 * the document is valid
	 */
	public List<String> validate(ContractSchema schema, JsonNode document) {
		return this.schemas.get(schema).validate(document).stream().map(ValidationMessage::getMessage).toList();
	}

	/**
	 * Whether a document is valid.
	 * @param schema the schema to validate against
	 * @param document the parsed JSON document
	 * @return {@code true} when {@link #validate} finds nothing
	 */
	public boolean isValid(ContractSchema schema, JsonNode document) {
		return validate(schema, document).isEmpty();
	}

}
