package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the compose file is checked against the repository:
 * every built service has its Dockerfile and module, and every environment variable the
 * file sets is one that service reads.
 */
class DockerComposeTests {

	private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

	/**
	 * Read by Spring Boot itself through relaxed binding rather than by a placeholder in
	 * application.yml.
	 */
	private static final Set<String> SPRING_BOOT_VARIABLES = Set.of("SERVER_PORT", "SPRING_PROFILES_ACTIVE");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	@Test
	void everyBuiltServiceHasItsDockerfileAndModule() throws IOException {
		Map<String, Map<String, Object>> services = services();
		List<String> built = new ArrayList<>();
		services.forEach((name, service) -> {
			if (service.get("build") instanceof Map<?, ?> build) {
				Path dockerfile = REPOSITORY_ROOT.resolve(String.valueOf(build.get("context")))
					.resolve(String.valueOf(build.get("dockerfile")));
				assertThat(dockerfile).as(name + "'s Dockerfile").isRegularFile();
				String module = module(service);
				assertThat(REPOSITORY_ROOT.resolve(module).resolve("pom.xml")).as(name + "'s module").isRegularFile();
				assertThat(REPOSITORY_ROOT.resolve(module).resolve("src")).as(name + "'s sources").isDirectory();
				built.add(name);
			}
		});
		assertThat(built).contains("car-insurance-service", "health-insurance-service", "house-insurance-service",
				"banking-service", "core-service-1", "core-service-2", "web-client");
	}

	@Test
	void everyEnvironmentVariableTheFileSetsIsReadByItsService() throws IOException {
		services().forEach((name, service) -> {
			if (!(service.get("build") instanceof Map<?, ?>) || !service.containsKey("environment")) {
				return;
			}
			Set<String> read = variablesReadBy(module(service));
			Map<?, ?> environment = (Map<?, ?>) service.get("environment");
			assertThat(environment).as(name + " environment").isNotNull();
			for (Object variable : environment.keySet()) {
				if (!SPRING_BOOT_VARIABLES.contains(variable.toString())) {
					assertThat(read).as(name + " reads " + variable).contains(variable.toString());
				}
			}
		});
	}

	@Test
	void infrastructureHasHealthchecksAndEveryServiceAMemoryLimit() throws IOException {
		Map<String, Map<String, Object>> services = services();
		for (String infrastructure : List.of("postgres", "redis", "kafka")) {
			assertThat(services.get(infrastructure)).as(infrastructure).containsKey("healthcheck");
		}
		services.forEach((name, service) -> assertThat(service).as(name).containsKey("mem_limit"));
	}

	/**
	 * The Maven module a service is built from: the MODULE build argument, else the
	 * Dockerfile's folder.
	 */
	private static String module(Map<String, Object> service) {
		Map<?, ?> build = (Map<?, ?>) service.get("build");
		if (build.get("args") instanceof Map<?, ?> args && args.get("MODULE") != null) {
			return String.valueOf(args.get("MODULE"));
		}
		return Path.of(String.valueOf(build.get("dockerfile"))).getParent().toString();
	}

	/**
	 * Placeholders in the module's configuration files, and in the shared library's for
	 * product services.
	 */
	private static Set<String> variablesReadBy(String module) {
		List<Path> resources = new ArrayList<>(List.of(REPOSITORY_ROOT.resolve(module).resolve("src/main/resources")));
		if (!module.equals("core-service")) {
			resources.add(REPOSITORY_ROOT.resolve("product-service-support/src/main/resources"));
		}
		Set<String> variables = new HashSet<>();
		for (Path directory : resources) {
			try (Stream<Path> files = Files.walk(directory)) {
				for (Path file : files.filter(DockerComposeTests::isConfiguration).toList()) {
					Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
					while (matcher.find()) {
						variables.add(matcher.group(1));
					}
				}
			}
			catch (IOException ex) {
				throw new AssertionError("Cannot read " + directory, ex);
			}
		}
		return variables;
	}

	private static boolean isConfiguration(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(REPOSITORY_ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

}
