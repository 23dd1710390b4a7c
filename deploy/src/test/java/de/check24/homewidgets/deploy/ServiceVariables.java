package de.check24.homewidgets.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables each service reads: the {@code ${VAR...}} placeholders in its
 * configuration files (and in product-service-support's for the products), the variables
 * Spring Boot binds by itself, the per-product variables design.md gives the core, and
 * the variables design.md promises that a service session has not landed yet
 * ({@code variables-promised-by-design.txt}).
 */
final class ServiceVariables {

	static final List<String> PRODUCTS = List.of("car-insurance-service", "health-insurance-service",
			"house-insurance-service", "banking-service");

	static final List<String> SERVICES = List.of("core-service", "car-insurance-service", "health-insurance-service",
			"house-insurance-service", "banking-service");

	/** Bound by Spring Boot's relaxed binding, with no placeholder in application.yml. */
	private static final Set<String> SPRING_BOOT_VARIABLES = Set.of("SERVER_PORT", "SPRING_PROFILES_ACTIVE",
			"JAVA_TOOL_OPTIONS");

	/**
	 * design.md: the core reads {KEY}_SERVICE_URL, _TITLE, _SECTION, _TOPIC and _TOKEN
	 * for every key in HOME_PRODUCTS, whether or not a placeholder names them.
	 */
	private static final Pattern PER_PRODUCT_VARIABLE = Pattern
		.compile("(CAR_INSURANCE|HEALTH_INSURANCE|HOUSE_INSURANCE|BANKING)_SERVICE_(URL|TITLE|SECTION|TOPIC|TOKEN)");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	private ServiceVariables() {
	}

	/** Whether {@code module} reads {@code variable}, now or as design.md promises. */
	static boolean reads(String module, String variable) {
		return readNow(module, variable) || promised(module).contains(variable);
	}

	/** Whether {@code module}'s configuration reads {@code variable} today. */
	static boolean readNow(String module, String variable) {
		return SPRING_BOOT_VARIABLES.contains(variable) || placeholders(module).contains(variable)
				|| (module.equals("core-service") && PER_PRODUCT_VARIABLE.matcher(variable).matches());
	}

	/** Promised by design.md for this module and not yet in its configuration. */
	static Set<String> promised(String module) {
		return promisedByModule().getOrDefault(PRODUCTS.contains(module) ? "products" : module, Set.of());
	}

	static Map<String, Set<String>> promisedByModule() {
		Map<String, Set<String>> promised = new HashMap<>();
		for (String line : Repository.read("deploy/src/test/resources/variables-promised-by-design.txt").split("\n")) {
			String entry = line.replaceAll("#.*", "").trim();
			if (!entry.isEmpty()) {
				String[] parts = entry.split("\\s+");
				promised.computeIfAbsent(parts[0], (key) -> new HashSet<>()).add(parts[1]);
			}
		}
		return promised;
	}

	private static Set<String> placeholders(String module) {
		List<Path> resources = new ArrayList<>(List.of(Repository.path(module + "/src/main/resources")));
		if (PRODUCTS.contains(module) || module.equals("products")) {
			resources.add(Repository.path("product-service-support/src/main/resources"));
		}
		Set<String> variables = new HashSet<>();
		for (Path directory : resources) {
			if (!Files.isDirectory(directory)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.filter(ServiceVariables::isConfiguration).toList()) {
					Matcher matcher = PLACEHOLDER.matcher(Repository.read(file));
					while (matcher.find()) {
						variables.add(matcher.group(1));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return variables;
	}

	private static boolean isConfiguration(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties");
	}

}
