package de.check24.homewidgets.platform;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Values for the API fuzzer, from a seeded {@link Random}: ones a schema allows, its
 * boundaries, and garbage of every kind a client could send.
 */
final class FuzzValues {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final List<String> GARBAGE = List.of("", " ", "null", "undefined", "0", "-1", "1.5", "1e309",
			"9223372036854775808", "-9223372036854775809", "0x1F", "true", "[]", "{}", "%", "%00", "%zz", "..", "../..",
			"a/b", "a\\b", "\u0000", "\t", "é", "ü😀", "\u202e", "<script>alert(1)</script>", "' OR '1'='1",
			"${jndi:x}", "{{7*7}}", "a;b", "a,b", "a b", "#", "?", "&", "=", "+", "~", "*", "A", "Z", "-", "_",
			"car_insurance", "CAR-INSURANCE");

	private FuzzValues() {
	}

	static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * A string no schema of ours allows as it is: odd characters, overflows, injections.
	 */
	static String garbage(Random random) {
		return switch (random.nextInt(10)) {
			case 0 -> "x".repeat(1 + random.nextInt(3000));
			case 1 -> randomText(random, 1 + random.nextInt(40));
			default -> pick(random, GARBAGE);
		};
	}

	/** Integers at and beyond the edges of int64 and of "positive". */
	static String boundaryInteger(Random random) {
		return pick(random, List.of("0", "-1", "1", "2", "-0", "00001", "9223372036854775807", "-9223372036854775808",
				"9223372036854775808", "2147483648", "4294967296", "1e3", "1.0", "+5", " 5", "5 "));
	}

	/** A JSON value of a random type, usually the wrong one. */
	static JsonNode anyValue(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.booleanNode(random.nextBoolean());
			case 2 -> nodes.numberNode(pick(random, List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L)));
			case 3 -> nodes.numberNode(new BigDecimal("1e400"));
			case 4 -> nodes.numberNode(pick(random, List.of(1.5, -0.0, 1e-300)));
			case 5 -> nodes.arrayNode().add(garbage(random));
			case 6 -> nodes.objectNode().put("nested", garbage(random));
			case 7 -> nodes.textNode("x".repeat(20_000));
			default -> nodes.textNode(garbage(random));
		};
	}

	/**
	 * A value the schema allows (as far as its type, enum, pattern-free string and
	 * integer bounds go; pattern strings come from the caller's known values).
	 */
	@SuppressWarnings("rawtypes")
	static JsonNode valid(Schema<?> schema, Random random) {
		if (schema == null) {
			return nodes.textNode("x");
		}
		if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
			return nodes.textNode(String.valueOf(pick(random, schema.getEnum())));
		}
		switch (type(schema)) {
			case "integer" -> {
				long minimum = (schema.getExclusiveMinimumValue() != null)
						? schema.getExclusiveMinimumValue().longValue() + 1
						: (schema.getMinimum() != null) ? schema.getMinimum().longValue() : 1;
				return nodes.numberNode(minimum + random.nextInt(1_000_000));
			}
			case "number" -> {
				return nodes.numberNode(random.nextInt(1000) / 10.0);
			}
			case "boolean" -> {
				return nodes.booleanNode(random.nextBoolean());
			}
			case "array" -> {
				ArrayNode array = nodes.arrayNode();
				int size = random.nextInt(3);
				for (int i = 0; i < size; i++) {
					array.add(valid(schema.getItems(), random));
				}
				return array;
			}
			case "object" -> {
				ObjectNode object = nodes.objectNode();
				Map<String, Schema> properties = (schema.getProperties() != null) ? schema.getProperties() : Map.of();
				List<String> required = (schema.getRequired() != null) ? schema.getRequired() : List.of();
				properties.forEach((name, property) -> {
					if (required.contains(name) || random.nextInt(10) < 7) {
						object.set(name, valid(property, random));
					}
				});
				return object;
			}
			default -> {
				int minimum = (schema.getMinLength() != null) ? schema.getMinLength() : 0;
				int maximum = (schema.getMaxLength() != null) ? schema.getMaxLength() : 40;
				int length = Math.max(minimum, Math.min(maximum, 1 + random.nextInt(12)));
				return nodes.textNode(randomText(random, length));
			}
		}
	}

	static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		Set<String> types = schema.getTypes();
		if (types != null && !types.isEmpty()) {
			return types.stream().filter((type) -> !"null".equals(type)).findFirst().orElse("null");
		}
		return (schema.getProperties() != null) ? "object" : "string";
	}

	private static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(switch (random.nextInt(6)) {
				case 0 -> (char) ('0' + random.nextInt(10));
				case 1 -> (char) (0x20 + random.nextInt(0x5f));
				case 2 -> (char) (0xa0 + random.nextInt(0x160));
				default -> (char) ('a' + random.nextInt(26));
			});
		}
		return text.toString();
	}

}
