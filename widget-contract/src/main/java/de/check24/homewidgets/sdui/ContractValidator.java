package de.check24.homewidgets.sdui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates JSON documents against the contract's schemas. Thread-safe; build one and
 * share it, since loading the schemas is the expensive part.
 */
public final class ContractValidator {

	private final Map<ContractSchema, JsonSchema> schemas = new EnumMap<>(ContractSchema.class);

	private ContractValidator() {
		JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, (builder) -> builder
			.schemaMappers((mappers) -> mappers.mapPrefix(ContractSchema.ID_PREFIX, "classpath:schema/")));
		SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
			// Draft 2020-12 treats "format" as an annotation only; the contract means it.
			.formatAssertionsEnabled(true)
			// The library ships translations; a fixed locale keeps messages (and the test
			// vectors' expected_error_contains) independent of the JVM's default locale.
			.locale(Locale.ENGLISH)
			// Draft 2020-12 defaults to JSON Pointer ("/data/pricing/price"); "$.data..."
			// reads better in logs and is what callers match on.
			.pathType(PathType.JSON_PATH)
			.build();
		for (ContractSchema schema : ContractSchema.values()) {
			JsonSchema jsonSchema = factory.getSchema(SchemaLocation.of(schema.id()), config);
			// Resolve all $refs now, so a broken schema fails here and not on first use.
			jsonSchema.initializeValidators();
			this.schemas.put(schema, jsonSchema);
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
	 * @param document the parsed JSON document, not {@code null}
	 * @return human-readable violations, each starting with the offending JSON path (e.g.
	 * {@code $.data.pricing.price: must have a minimum value of 0}); empty when the
	 * document is valid. For {@link ContractSchema#HOME_RESPONSE} this includes the rule
	 * the schema cannot express: {@code section_order} names every key of
	 * {@code services} exactly once
	 */
	public List<String> validate(ContractSchema schema, JsonNode document) {
		List<String> violations = schemaViolations(schema, document);
		if (violations.isEmpty() && schema == ContractSchema.HOME_RESPONSE) {
			return sectionOrderViolations(document);
		}
		return violations;
	}

	/**
	 * What the JSON Schema alone finds, as any other validator would.
	 */
	List<String> schemaViolations(ContractSchema schema, JsonNode document) {
		return this.schemas.get(schema).validate(document).stream().map(ValidationMessage::getMessage).toList();
	}

	/**
	 * The one rule of the home response that JSON Schema cannot express: its
	 * {@code section_order} names every key of {@code services} exactly once. Checked
	 * only on a document the schema accepts, so the names are strings and unique.
	 */
	private static List<String> sectionOrderViolations(JsonNode home) {
		List<String> order = new ArrayList<>();
		home.get("section_order").forEach((name) -> order.add(name.asText()));
		List<String> sections = new ArrayList<>();
		home.get("services").fieldNames().forEachRemaining(sections::add);
		return HomeResponse.sectionOrderProblems(order, sections)
			.stream()
			.map((problem) -> "$.section_order: " + problem)
			.toList();
	}

	/**
	 * Whether a document is valid.
	 * @param schema the schema to validate against
	 * @param document the parsed JSON document, not {@code null}
	 * @return {@code true} when {@link #validate} finds nothing
	 */
	public boolean isValid(ContractSchema schema, JsonNode document) {
		return validate(schema, document).isEmpty();
	}

}
