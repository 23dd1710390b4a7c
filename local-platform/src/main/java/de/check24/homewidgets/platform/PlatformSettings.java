package de.check24.homewidgets.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import de.check24.homewidgets.infrastructure.ServiceProcess;

/**
 * How the local platform runs. Every value has a default and an environment variable.
 *
 * @param repositoryRoot the checkout whose built service jars are started
 * @param home where data, logs and process state live ({@code PLATFORM_HOME},
 * {@code .local-platform/}, git-ignored)
 * @param clean whether to wipe the data before starting ({@code --clean})
 * @param corePort the public core port: the core itself, or the load balancer in front of
 * several replicas ({@code PLATFORM_CORE_PORT}, 8000)
 * @param coreReplicas how many core processes run ({@code PLATFORM_CORE_REPLICAS} or
 * {@code --replicas N}, 1)
 * @param firstCoreReplicaPort the first replica's own port behind the load balancer; the
 * others follow ({@code PLATFORM_CORE_REPLICA_PORT}, 8010)
 * @param coreManagementPort the first replica's actuator port; replica n uses it plus
 * 10·(n−1) ({@code PLATFORM_CORE_MANAGEMENT_PORT}, 9000)
 * @param products the product services, in the order the core shows their sections
 * ({@code PLATFORM_PRODUCTS}, the four products; ports from
 * {@code PLATFORM_FIRST_PRODUCT_PORT}, 8001, and
 * {@code PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT}, 9001); a product without a module of
 * its own runs on the shared product application from
 * {@code PLATFORM_PRODUCT_<KEY>_SEED}, see {@link PlatformProduct#byConvention}
 * @param postgresPort embedded PostgreSQL ({@code PLATFORM_POSTGRES_PORT}, 15432)
 * @param redisPort embedded Redis ({@code PLATFORM_REDIS_PORT}, 16379)
 * @param kafkaPort embedded Kafka ({@code PLATFORM_KAFKA_PORT}, 19092)
 * @param kafkaAutoCreateTopics the broker's {@code auto.create.topics.enable}
 * ({@code PLATFORM_KAFKA_AUTO_CREATE_TOPICS}, false, as in production: every product
 * declares its own topic at start)
 * @param webPort the web client ({@code PLATFORM_WEB_PORT}, 3000)
 * @param adminPort the admin endpoint that {@code ./platform.sh stop|start|status} talks
 * to ({@code PLATFORM_ADMIN_PORT}, 8099)
 * @param javaOptions the JVM options of the product processes
 * ({@code PLATFORM_JAVA_OPTIONS}, separated by spaces; default
 * {@link ServiceProcess#QUICK_START_JVM_OPTIONS}, a quick start over fast code)
 * @param coreJavaOptions the JVM options of the core processes
 * ({@code PLATFORM_CORE_JAVA_OPTIONS}; default {@code javaOptions})
 */
record PlatformSettings(Path repositoryRoot, Path home, boolean clean, int corePort, int coreReplicas,
		int firstCoreReplicaPort, int coreManagementPort, List<PlatformProduct> products, int postgresPort,
		int redisPort, int kafkaPort, boolean kafkaAutoCreateTopics, int webPort, int adminPort,
		List<String> javaOptions, List<String> coreJavaOptions) {

	PlatformSettings {
		if (coreReplicas < 1 || coreReplicas > 9) {
			throw new IllegalArgumentException("Core replicas must be between 1 and 9, was " + coreReplicas);
		}
		products = List.copyOf(products);
		javaOptions = List.copyOf(javaOptions);
		coreJavaOptions = List.copyOf(coreJavaOptions);
	}

	static PlatformSettings from(Map<String, String> environment, List<String> args, Path workingDirectory) {
		for (int i = 0; i < args.size(); i++) {
			if (args.get(i).equals("--replicas")) {
				i++;
			}
			else if (!args.get(i).equals("--clean")) {
				throw new IllegalArgumentException(
						"Unknown option '" + args.get(i) + "'; the platform takes --clean" + " and --replicas N");
			}
		}
		Path root = workingDirectory.toAbsolutePath().normalize();
		String products = environment.getOrDefault("PLATFORM_PRODUCTS", String.join(",", PlatformProduct.DEFAULT_KEYS));
		List<String> javaOptions = javaOptions(environment.get("PLATFORM_JAVA_OPTIONS"),
				ServiceProcess.QUICK_START_JVM_OPTIONS);
		return new PlatformSettings(root,
				Path.of(environment.getOrDefault("PLATFORM_HOME", root.resolve(".local-platform").toString())),
				args.contains("--clean"), port(environment, "PLATFORM_CORE_PORT", 8000), replicas(environment, args),
				port(environment, "PLATFORM_CORE_REPLICA_PORT", 8010),
				port(environment, "PLATFORM_CORE_MANAGEMENT_PORT", 9000),
				PlatformProduct.byConvention(keys(products), environment, root,
						port(environment, "PLATFORM_FIRST_PRODUCT_PORT", 8001),
						port(environment, "PLATFORM_FIRST_PRODUCT_MANAGEMENT_PORT", 9001)),
				port(environment, "PLATFORM_POSTGRES_PORT", 15432), port(environment, "PLATFORM_REDIS_PORT", 16379),
				port(environment, "PLATFORM_KAFKA_PORT", 19092),
				Boolean.parseBoolean(environment.getOrDefault("PLATFORM_KAFKA_AUTO_CREATE_TOPICS", "false")),
				port(environment, "PLATFORM_WEB_PORT", 3000), port(environment, "PLATFORM_ADMIN_PORT", 8099),
				javaOptions, javaOptions(environment.get("PLATFORM_CORE_JAVA_OPTIONS"), javaOptions));
	}

	/** The same platform running other products, e.g. a fifth one. */
	PlatformSettings withProducts(List<PlatformProduct> products) {
		return new PlatformSettings(this.repositoryRoot, this.home, this.clean, this.corePort, this.coreReplicas,
				this.firstCoreReplicaPort, this.coreManagementPort, products, this.postgresPort, this.redisPort,
				this.kafkaPort, this.kafkaAutoCreateTopics, this.webPort, this.adminPort, this.javaOptions,
				this.coreJavaOptions);
	}

	/** Where clients, the web client and the products reach the core. */
	String coreUrl() {
		return "http://127.0.0.1:" + this.corePort;
	}

	String webUrl() {
		return "http://127.0.0.1:" + this.webPort;
	}

	/**
	 * The core processes: one on the public port, or several on their own ports behind
	 * the load balancer.
	 */
	List<CoreReplica> replicas() {
		List<CoreReplica> replicas = new ArrayList<>();
		for (int i = 0; i < this.coreReplicas; i++) {
			int port = (this.coreReplicas == 1) ? this.corePort : this.firstCoreReplicaPort + i;
			replicas.add(new CoreReplica("core-" + (i + 1), port, this.coreManagementPort + 10 * i));
		}
		return replicas;
	}

	boolean loadBalanced() {
		return this.coreReplicas > 1;
	}

	private static List<String> keys(String products) {
		return Arrays.stream(products.split(",")).map(String::trim).filter((key) -> !key.isEmpty()).toList();
	}

	private static List<String> javaOptions(String value, List<String> fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return Arrays.stream(value.trim().split("\\s+")).toList();
	}

	private static int replicas(Map<String, String> environment, List<String> args) {
		int option = args.indexOf("--replicas");
		if (option >= 0) {
			if (option + 1 >= args.size()) {
				throw new IllegalArgumentException("--replicas needs a number, e.g. --replicas 2");
			}
			return number("--replicas", args.get(option + 1));
		}
		String value = environment.get("PLATFORM_CORE_REPLICAS");
		return (value == null || value.isBlank()) ? 1 : number("PLATFORM_CORE_REPLICAS", value);
	}

	private static int port(Map<String, String> environment, String name, int fallback) {
		String value = environment.get(name);
		return (value == null || value.isBlank()) ? fallback : number(name, value);
	}

	private static int number(String name, String value) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a number, was '" + value + "'", ex);
		}
	}

}
