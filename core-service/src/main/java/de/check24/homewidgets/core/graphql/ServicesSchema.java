package de.check24.homewidgets.core.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * The {@code Services} type, generated at start from the configured products: one field
 * per section, named after it in camel case ({@code car_insurance} is
 * {@code carInsurance}), so a product added by configuration can be queried without a
 * code change. Beside them, the fields every home has.
 */
final class ServicesSchema {

	static final String TYPE = "Services";

	static final String SECTIONS = "sections";

	static final String SECTION = "section";

	static final String PROVISIONAL = "provisional";

	private static final Set<String> OWN_FIELDS = Set.of(SECTIONS, SECTION, PROVISIONAL);

	private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][_0-9A-Za-z]*");

	private final Map<String, Product> fields = new LinkedHashMap<>();

	ServicesSchema(ProductCatalog catalog) {
		for (Product product : catalog.all()) {
			String field = FieldNames.camelCase(product.section());
			if (!FIELD_NAME.matcher(field).matches() || OWN_FIELDS.contains(field)) {
				throw new IllegalStateException("Product '" + product.key() + "' has the section name '"
						+ product.section() + "', which cannot be the GraphQL field '" + field + "' of " + TYPE
						+ ": it must be a name in snake case and none of " + OWN_FIELDS);
			}
			Product other = this.fields.putIfAbsent(field, product);
			if (other != null) {
				throw new IllegalStateException("Products '" + other.key() + "' and '" + product.key()
						+ "' would both be the GraphQL field '" + field + "': give one another section name");
			}
		}
	}

	/**
	 * The generated fields.
	 * @return per field name its product, in section order
	 */
	Map<String, Product> productFields() {
		return Collections.unmodifiableMap(this.fields);
	}

	Resource resource() {
		return new ByteArrayResource(sdl().getBytes(StandardCharsets.UTF_8),
				TYPE + " type generated from the configured products");
	}

	private String sdl() {
		StringBuilder productFields = new StringBuilder();
		this.fields.forEach((field, product) -> productFields.append("    ")
			.append(quoted(product.title() + ": the " + product.section() + " section"))
			.append("\n    ")
			.append(field)
			.append(": Section\n"));
		return """
				"The viewer's home page: one field per product section, generated from the configured products."
				type Services {
				%s    "Every section, in the order clients render them (section_order of GET /home)."
				    sections: [Section!]!
				    "A section by its name (car_insurance) or its product's key (car-insurance); null if there is none."
				    section(name: String!): Section
				    "true: the generic home, served while the user's personal home is being built."
				    provisional: Boolean!
				}
				""".formatted(productFields);
	}

	// titles come from the environment: a quote or a line break must not end the string
	private static String quoted(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

}
