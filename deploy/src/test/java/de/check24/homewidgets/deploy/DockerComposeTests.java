package de.check24.homewidgets.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the repository and
 * against the spec's rules: what it builds exists, what it sets is read, secrets have no
 * defaults, and only the edge is reachable from the host.
 */
class DockerComposeTests {

	private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?[-?])?");

	private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|SIGNING_KEYS)$");

	private static final Set<String> DATA_LAYER = Set.of("postgres", "redis", "kafka");

	private static final Set<String> JVM_SERVICES = Set.of("core-service-1", "core-service-2", "car-insurance-service",
			"health-insurance-service", "house-insurance-service", "banking-service");

	private static final Map<String, Map<String, Object>> services = services();

	@Nested
	class Build {

		@Test
		void everyBuiltServiceHasItsDockerfileAndModule() {
			List<String> built = new ArrayList<>();
			services.forEach((name, service) -> {
				if (service.get("build") instanceof Map<?, ?> build) {
					Path dockerfile = Repository.path(String.valueOf(build.get("context")))
						.resolve(String.valueOf(build.get("dockerfile")));
					assertThat(dockerfile).as(name + "'s Dockerfile").isRegularFile();
					String module = module(service);
					assertThat(Repository.path(module + "/pom.xml")).as(name + "'s module").isRegularFile();
					assertThat(Repository.path(module + "/src")).as(name + "'s sources").isDirectory();
					built.add(name);
				}
			});
			assertThat(built).containsAll(JVM_SERVICES).contains("web-client");
		}

		@Test
		void theServiceImageExposesHttpAndManagementAndRunsAsANumericNonRootUser() {
			String dockerfile = Repository.read("Dockerfile");
			assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8000 9000$").containsPattern("(?m)^USER [1-9][0-9]*:");
		}

		@Test
		void neitherGitNorTheImageBuildSeesTheEnvFile() {
			assertThat(Repository.read(".gitignore").lines()).contains(".env");
			assertThat(Repository.read(".dockerignore").lines()).contains(".env");
		}

	}

	@Nested
	class Configuration {

		@Test
		void everyEnvironmentVariableTheFileSetsIsReadByItsService() {
			JVM_SERVICES.forEach((name) -> {
				String module = module(services.get(name));
				for (String variable : environment(name).keySet()) {
					assertThat(ServiceVariables.reads(module, variable)).as(name + " reads " + variable).isTrue();
				}
			});
		}

		@Test
		void everyJvmServiceListensOnTheContainerPortsAndSendsTracesToJaeger() {
			JVM_SERVICES.forEach((name) -> assertThat(environment(name)).as(name)
				.containsEntry("SERVER_PORT", "8000")
				.containsEntry("MANAGEMENT_PORT", "9000")
				.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318"));
			assertThat(environment("jaeger")).containsEntry("COLLECTOR_OTLP_ENABLED", "true");
		}

		@Test
		void eachProductAuthenticatesToTheCoreWithTheTokenTheCoreKnowsItBy() {
			for (String product : ServiceVariables.PRODUCTS) {
				String key = product.replace("-service", "").toUpperCase().replace('-', '_');
				String coreSide = interpolated(environment("core-service-1").get(key + "_SERVICE_TOKEN"));
				assertThat(interpolated(environment(product).get("CORE_SERVICE_TOKEN"))).as(product)
					.isEqualTo(coreSide)
					.isEqualTo(key + "_SERVICE_TOKEN");
			}
		}

		@Test
		void kafkaCreatesNoTopicOnFirstUse() {
			assertThat(environment("kafka")).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
		}

		@Test
		void productsPointImageUrlsAtTheCdnsPublishedPort() {
			String published = ports("cdn").get(0);
			for (String product : ServiceVariables.PRODUCTS) {
				assertThat(environment(product).get("IMAGE_BASE_URL")).as(product)
					.isEqualTo("${IMAGE_BASE_URL:-http://localhost:" + published.substring(0, published.indexOf(':'))
							+ "}");
			}
		}

		@Test
		void productsReachTheCoreThroughTheLoadBalancersInternalListener() {
			for (String product : ServiceVariables.PRODUCTS) {
				assertThat(environment(product)).containsEntry("CORE_SERVICE_URL", "http://core-lb:8080");
			}
		}

	}

	@Nested
	class Secrets {

		@Test
		void everySecretIsRequiredAndHasNoDefault() {
			Matcher matcher = INTERPOLATION.matcher(Repository.read("docker-compose.yml"));
			List<String> secrets = new ArrayList<>();
			while (matcher.find()) {
				if (SECRET.matcher(matcher.group(1)).matches()) {
					assertThat(matcher.group(2)).as("${%s} must be ${%s:?...}", matcher.group(1), matcher.group(1))
						.isEqualTo(":?");
					secrets.add(matcher.group(1));
				}
			}
			assertThat(secrets).contains("HOME_JWT_SECRET", "HOME_SERVICE_SIGNING_KEYS", "REDIS_PASSWORD",
					"POSTGRES_PASSWORD", "CAR_INSURANCE_SERVICE_TOKEN", "BANKING_DB_PASSWORD");
		}

		@Test
		void noSecretIsWrittenIntoTheFile() {
			services.forEach((name, service) -> environment(name).forEach((variable, value) -> {
				if (SECRET.matcher(variable).matches()) {
					assertThat(value).as(name + " " + variable).startsWith("${").endsWith("}");
				}
			}));
		}

		@Test
		void envExampleListsExactlyTheRequiredVariablesWithoutValues() {
			Set<String> required = new TreeSet<>();
			Matcher matcher = INTERPOLATION.matcher(Repository.read("docker-compose.yml"));
			while (matcher.find()) {
				if (":?".equals(matcher.group(2))) {
					required.add(matcher.group(1));
				}
			}
			Map<String, String> example = new LinkedHashMap<>();
			Repository.read(".env.example")
				.lines()
				.filter((line) -> line.matches("[A-Z][A-Z0-9_]*=.*"))
				.forEach((line) -> example.put(line.substring(0, line.indexOf('=')),
						line.substring(line.indexOf('=') + 1)));
			assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(required);
			assertThat(example.values()).as("copying .env.example unchanged must fail closed")
				.allMatch(String::isEmpty);
		}

		@Test
		void dbInitTakesEachProductsPasswordFromTheEnvironment() {
			String dbInit = Repository.read("db_init/01-create-product-databases.sh");
			assertThat(dbInit).doesNotContainPattern("(?i)PASSWORD\\s+'");
			Map<String, String> postgres = environment("postgres");
			for (String product : ServiceVariables.PRODUCTS) {
				Map<String, String> environment = environment(product);
				String password = interpolated(environment.get("DB_PASSWORD"));
				assertThat(postgres.get(password)).as("postgres gets " + password)
					.isEqualTo("${" + password + ":?set " + password + " (see .env.example)}");
				assertThat(dbInit).contains(
						environment.get("DB_USER") + " " + environment.get("DB_NAME") + " \"${" + password + ":?}\"");
			}
		}

	}

	@Nested
	class Network {

		@Test
		void onlyTheEdgeAndTheObservabilityUisPublishPorts() {
			Set<String> publishing = new TreeSet<>();
			services.forEach((name, service) -> {
				if (service.containsKey("ports")) {
					publishing.add(name);
				}
			});
			assertThat(publishing).containsExactlyInAnyOrder("core-lb", "web-client", "cdn", "prometheus", "grafana",
					"jaeger");
			assertThat(ports("core-lb")).containsExactly("8000:8000");
			assertThat(ports("web-client")).containsExactly("3000:8080");
		}

		@Test
		void noManagementPortIsPublished() {
			services.forEach((name, service) -> assertThat(ports(name)).as(name)
				.noneMatch((mapping) -> mapping.endsWith(":9000")));
		}

		@Test
		void theEdgeSharesNoNetworkWithTheProductsOrTheDataLayer() {
			Set<String> edge = members("edge");
			assertThat(edge).containsExactlyInAnyOrder("core-lb", "cdn", "web-client");
			for (String product : ServiceVariables.PRODUCTS) {
				assertThat(networks(product)).as(product).containsExactlyInAnyOrder("services", "data");
			}
		}

		@Test
		void theDataLayerIsReachableOnlyFromTheServicesAndHasNoRouteOut() {
			Set<String> expected = new HashSet<>(DATA_LAYER);
			expected.addAll(JVM_SERVICES);
			assertThat(members("data")).containsExactlyInAnyOrderElementsOf(expected);
			for (String data : DATA_LAYER) {
				assertThat(networks(data)).as(data).containsExactly("data");
			}
			assertThat(((Map<?, ?>) compose().get("networks")).get("data")).isEqualTo(Map.of("internal", true));
		}

	}

	@Nested
	class Health {

		@Test
		void everyServiceHasAHealthcheckAndAMemoryLimit() {
			services.forEach((name, service) -> assertThat(service).as(name).containsKeys("healthcheck", "mem_limit"));
		}

		@Test
		void jvmServicesAreHealthyWhenTheirManagementPortSaysReady() {
			JVM_SERVICES.forEach((name) -> {
				Map<?, ?> healthcheck = (Map<?, ?>) services.get(name).get("healthcheck");
				assertThat(String.valueOf(healthcheck.get("test"))).as(name)
					.contains("/dev/tcp/127.0.0.1/9000")
					.contains("GET /actuator/health/readiness");
			});
		}

		@Test
		void servicesStartOnceTheInfrastructureTheyNeedIsHealthy() {
			for (String product : ServiceVariables.PRODUCTS) {
				assertThat(dependencies(product)).as(product)
					.containsEntry("postgres", "service_healthy")
					.containsEntry("kafka", "service_healthy");
			}
			for (String core : List.of("core-service-1", "core-service-2")) {
				assertThat(dependencies(core)).as(core)
					.containsEntry("redis", "service_healthy")
					.containsEntry("kafka", "service_healthy");
			}
			assertThat(dependencies("core-lb")).containsEntry("core-service-1", "service_healthy")
				.containsEntry("core-service-2", "service_healthy");
			assertThat(dependencies("grafana")).containsEntry("prometheus", "service_healthy");
		}

	}

	@Nested
	class Observability {

		@Test
		void prometheusScrapesEveryReplicaOnItsManagementPort() {
			Map<String, Object> prometheus = Repository.yaml("deploy/prometheus/prometheus.yml");
			Set<String> scraped = new TreeSet<>();
			for (Object job : (List<?>) prometheus.get("scrape_configs")) {
				Map<?, ?> config = (Map<?, ?>) job;
				if (!"prometheus".equals(config.get("job_name"))) {
					assertThat(config.get("metrics_path")).isEqualTo("/actuator/prometheus");
					for (Object staticConfig : (List<?>) config.get("static_configs")) {
						for (Object target : (List<?>) ((Map<?, ?>) staticConfig).get("targets")) {
							scraped.add(config.get("job_name") + " " + target);
						}
					}
				}
			}
			Set<String> expected = new TreeSet<>();
			for (String service : JVM_SERVICES) {
				expected.add((service.startsWith("core-") ? "core-service " : "product-services ") + service + ":9000");
			}
			assertThat(scraped).isEqualTo(expected);
		}

		@Test
		void prometheusAndGrafanaMountTheFilesUnderDeploy() {
			assertThat(volumes("prometheus")).contains("./deploy/prometheus:/etc/prometheus:ro");
			assertThat(volumes("grafana")).contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
					"./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
			for (String volume : List.of("prometheus", "grafana", "core-lb", "cdn")) {
				volumes(volume).stream()
					.filter((mount) -> mount.startsWith("./"))
					.forEach((mount) -> assertThat(Repository.path(mount.substring(2, mount.indexOf(':')))).exists());
			}
		}

	}

	/**
	 * The Maven module a service is built from: the MODULE build argument, else the
	 * Dockerfile's folder.
	 */
	static String module(Map<String, Object> service) {
		Map<?, ?> build = (Map<?, ?>) service.get("build");
		if (build.get("args") instanceof Map<?, ?> args && args.get("MODULE") != null) {
			return String.valueOf(args.get("MODULE"));
		}
		return Path.of(String.valueOf(build.get("dockerfile"))).getParent().toString();
	}

	/** The variable a value such as {@code ${NAME:?message}} interpolates. */
	private static String interpolated(String value) {
		Matcher matcher = INTERPOLATION.matcher(value);
		assertThat(matcher.find()).as(value + " interpolates a variable").isTrue();
		return matcher.group(1);
	}

	private static Map<String, String> environment(String service) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (services.get(service).get("environment") instanceof Map<?, ?> map) {
			map.forEach((key, value) -> environment.put(String.valueOf(key), String.valueOf(value)));
		}
		return environment;
	}

	private static List<String> ports(String service) {
		return strings(services.get(service).get("ports"));
	}

	private static List<String> volumes(String service) {
		return strings(services.get(service).get("volumes"));
	}

	private static List<String> networks(String service) {
		return strings(services.get(service).get("networks"));
	}

	private static Set<String> members(String network) {
		Set<String> members = new TreeSet<>();
		services.forEach((name, service) -> {
			if (networks(name).contains(network)) {
				members.add(name);
			}
		});
		return members;
	}

	private static Map<String, String> dependencies(String service) {
		Map<String, String> conditions = new LinkedHashMap<>();
		((Map<?, ?>) services.get(service).get("depends_on")).forEach((name, dependency) -> conditions
			.put(String.valueOf(name), String.valueOf(((Map<?, ?>) dependency).get("condition"))));
		return conditions;
	}

	private static List<String> strings(Object list) {
		return (list instanceof List<?> items) ? items.stream().map(String::valueOf).toList() : List.of();
	}

	private static Map<String, Object> compose() {
		return Repository.yaml("docker-compose.yml");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() {
		return (Map<String, Map<String, Object>>) compose().get("services");
	}

}
