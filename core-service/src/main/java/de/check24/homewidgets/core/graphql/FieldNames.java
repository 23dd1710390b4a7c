package de.check24.homewidgets.core.graphql;

/**
 * GraphQL field names are camel case, the contract's JSON names snake case
 * ({@code imageUrl}, {@code image_url}); section names become field names the same way.
 */
final class FieldNames {

	private FieldNames() {
	}

	static String camelCase(String snakeCase) {
		StringBuilder name = new StringBuilder(snakeCase.length());
		boolean upper = false;
		for (char c : snakeCase.toCharArray()) {
			if (c == '_') {
				upper = name.length() > 0;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	static String snakeCase(String camelCase) {
		StringBuilder name = new StringBuilder(camelCase.length() + 4);
		for (char c : camelCase.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('_').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}

}
