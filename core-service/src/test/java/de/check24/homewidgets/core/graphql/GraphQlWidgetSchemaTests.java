package de.check24.homewidgets.core.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.sdui.ContractSchema;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL widget types say what the contract's {@code widget.schema.json} says: the
 * same fields (camel case), the same types, non-null exactly where the contract requires
 * a property, the same enum values. A field added to either breaks this test until the
 * other has it too.
 */
class GraphQlWidgetSchemaTests {

	/** The contract's object definitions and the GraphQL types that show them. */
	private static final Map<String, String> PARTS = Map.of("pricing", "Pricing", "rating", "Rating", "productTile",
			"ProductTile", "action", "Action");

	/**
	 * The contract's enums (definition.property) and the GraphQL enums that hold them.
	 */
	private static final Map<String, String> ENUMS = Map.of("widget.component_type", "ComponentType", "widgetData.tone",
			"Tone", "action.type", "ActionType", "action.method", "ActionMethod");

	private final JsonNode contract = read(ContractSchema.WIDGET.resourcePath());

	private final TypeDefinitionRegistry graphQl = parse("graphql/home.graphqls");

	@Test
	void aWidgetHasItsOwnPropertiesAndItsDataFieldsAsFields() {
		Map<String, String> expected = new LinkedHashMap<>();
		this.contract.path("properties").fieldNames().forEachRemaining((property) -> {
			if (!property.equals("data")) {
				expected.put(property.equals("widget_id") ? "id" : FieldNames.camelCase(property),
						required(this.contract, property) ? "!" : "");
			}
		});
		definition("widgetData").path("properties")
			.fieldNames()
			.forEachRemaining((property) -> expected.put(FieldNames.camelCase(property), ""));

		assertThat(nullability(object("Widget"))).isEqualTo(expected);
	}

	@Test
	void aWidgetsFieldsHaveTheContractsTypes() {
		Map<String, String> expected = new LinkedHashMap<>();
		this.contract.path("properties").fields().forEachRemaining((property) -> {
			if (!property.getKey().equals("data")) {
				expected.put(property.getKey().equals("widget_id") ? "id" : FieldNames.camelCase(property.getKey()),
						property.getKey().equals("widget_id") ? "ID"
								: type("widget", property.getKey(), property.getValue()));
			}
		});
		definition("widgetData").path("properties")
			.fields()
			.forEachRemaining((property) -> expected.put(FieldNames.camelCase(property.getKey()),
					type("widgetData", property.getKey(), property.getValue())));

		assertThat(types(object("Widget"))).isEqualTo(expected);
	}

	@Test
	void aWidgetsPartsHaveTheFieldsTypesAndRequiredPropertiesOfTheirDefinitions() {
		PARTS.forEach((definitionName, typeName) -> {
			JsonNode definition = definition(definitionName);
			Map<String, String> nullability = new LinkedHashMap<>();
			Map<String, String> types = new LinkedHashMap<>();
			definition.path("properties").fields().forEachRemaining((property) -> {
				String field = FieldNames.camelCase(property.getKey());
				nullability.put(field, required(definition, property.getKey()) ? "!" : "");
				types.put(field, type(definitionName, property.getKey(), property.getValue()));
			});

			assertThat(nullability(object(typeName))).as(typeName).isEqualTo(nullability);
			assertThat(types(object(typeName))).as(typeName).isEqualTo(types);
		});
	}

	@Test
	void enumsHoldTheContractsValues() {
		ENUMS.forEach((property, enumName) -> {
			String[] path = property.split("\\.");
			JsonNode owner = path[0].equals("widget") ? this.contract : definition(path[0]);
			Set<String> values = new LinkedHashSet<>();
			owner.path("properties").path(path[1]).path("enum").forEach((value) -> values.add(value.asText()));

			Set<String> graphQlValues = this.graphQl.getType(enumName, EnumTypeDefinition.class)
				.orElseThrow()
				.getEnumValueDefinitions()
				.stream()
				.map(EnumValueDefinition::getName)
				.collect(Collectors.toCollection(LinkedHashSet::new));

			assertThat(graphQlValues).as(enumName).isEqualTo(values);
		});
	}

	@Test
	void everyWidgetPartIsReadFromTheHomesJson() {
		Set<String> parts = new HashSet<>(
				this.graphQl.getTypes(ObjectTypeDefinition.class).stream().map(ObjectTypeDefinition::getName).toList());
		parts.removeAll(Set.of("Query", "Section", "Widget"));

		assertThat(WidgetFields.PARTS).isEqualTo(parts).isEqualTo(Set.copyOf(PARTS.values()));
	}

	// the GraphQL type a contract property maps to, lists and nullability aside
	private String type(String owner, String property, JsonNode schema) {
		if (schema.has("enum")) {
			return ENUMS.get(owner + "." + property);
		}
		if (schema.has("$ref")) {
			String name = schema.path("$ref").asText().substring("#/$defs/".length());
			return PARTS.containsKey(name) ? PARTS.get(name) : type(name, property, definition(name));
		}
		return switch (schema.path("type").asText()) {
			case "array" -> "[" + type(owner, property, schema.path("items")) + "]";
			case "string" -> "String";
			case "number" -> "Float";
			case "integer" -> "Int";
			case "boolean" -> "Boolean";
			default -> throw new IllegalStateException("No GraphQL type for " + owner + "." + property);
		};
	}

	private static Map<String, String> nullability(ObjectTypeDefinition type) {
		return fields(type, (fieldType) -> (fieldType instanceof NonNullType) ? "!" : "");
	}

	private static Map<String, String> types(ObjectTypeDefinition type) {
		return fields(type, GraphQlWidgetSchemaTests::name);
	}

	private static Map<String, String> fields(ObjectTypeDefinition type, Function<Type<?>, String> what) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldDefinition field : type.getFieldDefinitions()) {
			fields.put(field.getName(), what.apply(field.getType()));
		}
		return fields;
	}

	private static String name(Type<?> type) {
		if (type instanceof NonNullType nonNull) {
			return name(nonNull.getType());
		}
		if (type instanceof ListType list) {
			return "[" + name(list.getType()) + "]";
		}
		return ((TypeName) type).getName();
	}

	private static boolean required(JsonNode definition, String property) {
		for (JsonNode required : definition.path("required")) {
			if (required.asText().equals(property)) {
				return true;
			}
		}
		return false;
	}

	private JsonNode definition(String name) {
		return this.contract.path("$defs").path(name);
	}

	private ObjectTypeDefinition object(String name) {
		return this.graphQl.getType(name, ObjectTypeDefinition.class).orElseThrow();
	}

	private static JsonNode read(String resource) {
		try (InputStream in = GraphQlWidgetSchemaTests.class.getResourceAsStream(resource)) {
			return new ObjectMapper().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static TypeDefinitionRegistry parse(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new SchemaParser().parse(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
