package de.check24.homewidgets.sdui;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The services' OpenAPI 3.1 documents shipped with the contract under {@code /openapi/},
 * for client teams to generate clients from. Each is checked in normalised (keys sorted,
 * pretty-printed) so that a change reads well in a diff; a test per service fails when
 * the running service and its document diverge.
 */
public enum ApiDocument {

	/** The core, the platform's public API. */
	CORE_SERVICE("core-service.json"),

	/** Every product service: the product key is a path parameter. */
	PRODUCT_SERVICE("product-service.json");

	private static final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final String fileName;

	ApiDocument(String fileName) {
		this.fileName = fileName;
	}

	/**
	 * File name under {@code /openapi/}.
	 * @return e.g. {@code core-service.json}
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * Classpath location of the document.
	 * @return e.g. {@code /openapi/core-service.json}
	 */
	public String resourcePath() {
		return "/openapi/" + this.fileName;
	}

	/**
	 * Where the document lives in the repository, for the tests that compare or rewrite
	 * it.
	 * @return e.g. {@code widget-contract/src/main/resources/openapi/core-service.json}
	 */
	public String sourcePath() {
		return "widget-contract/src/main/resources" + resourcePath();
	}

	/**
	 * A document as it is checked in: object keys sorted at every level, two-space
	 * indentation, a final newline. Array order is kept (it means something). Without
	 * {@code servers}: the generated one names the host and port the document was read
	 * from, and a client knows its own base URL.
	 * @param document a service's {@code /v3/api-docs}
	 * @return the normalised text
	 */
	public static String normalised(JsonNode document) {
		ObjectNode copy = document.deepCopy();
		copy.remove("servers");
		try {
			return json.writeValueAsString(sorted(copy)) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/**
	 * The first lines in which two texts differ, for a readable failure message.
	 * @param expected e.g. the checked-in document
	 * @param actual e.g. the running service's
	 * @return empty when equal
	 */
	public static List<String> firstDifferences(String expected, String actual) {
		String[] left = expected.split("\n", -1);
		String[] right = actual.split("\n", -1);
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < Math.max(left.length, right.length) && differences.size() < 5; i++) {
			String was = (i < left.length) ? left[i] : "<end>";
			String is = (i < right.length) ? right[i] : "<end>";
			if (!was.equals(is)) {
				differences.add("line " + (i + 1) + ": checked in `" + was.trim() + "`, served `" + is.trim() + "`");
			}
		}
		return differences;
	}

	/**
	 * Local references ({@code #/components/...}) that point nowhere.
	 * @param document an OpenAPI document
	 * @return each such {@code $ref}, empty when all resolve
	 */
	public static List<String> unresolvedReferences(JsonNode document) {
		List<String> unresolved = new ArrayList<>();
		collectUnresolved(document, document, unresolved);
		return unresolved;
	}

	private static void collectUnresolved(JsonNode document, JsonNode node, List<String> unresolved) {
		JsonNode reference = node.get("$ref");
		if (reference != null && reference.isTextual() && reference.asText().startsWith("#/")
				&& document.at(reference.asText().substring(1)).isMissingNode()) {
			unresolved.add(reference.asText());
		}
		node.forEach((child) -> collectUnresolved(document, child, unresolved));
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			ObjectNode sorted = json.createObjectNode();
			List<String> names = new ArrayList<>();
			node.fieldNames().forEachRemaining(names::add);
			names.sort(null);
			names.forEach((name) -> sorted.set(name, sorted(node.get(name))));
			return sorted;
		}
		if (node.isArray()) {
			ArrayNode sorted = json.createArrayNode();
			node.forEach((element) -> sorted.add(sorted(element)));
			return sorted;
		}
		return node;
	}

}
