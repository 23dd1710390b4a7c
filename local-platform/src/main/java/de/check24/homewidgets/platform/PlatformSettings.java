package de.check24.homewidgets.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the local platform runs. Every value has a default and an environment variable.
 *
 * @param repositoryRoot the checkout whose built service jars are started
 * @param home where data, logs and process state live ({@code .local-platform/},
 * git-ignored)
 * @param clean whether to wipe the data before starting
 * @param corePort the core's HTTP port ({@code PLATFORM_CORE_PORT}, 8000)
 * @param firstProductPort the car insurance port; the others follow
 * ({@code PLATFORM_FIRST_PRODUCT_PORT}, 8001)
 * @param postgresPort embedded PostgreSQL ({@code PLATFORM_POSTGRES_PORT}, 15432)
 * @param redisPort embedded Redis ({@code PLATFORM_REDIS_PORT}, 16379)
 * @param kafkaPort embedded Kafka ({@code PLATFORM_KAFKA_PORT}, 19092)
 * @param webPort the web client ({@code PLATFORM_WEB_PORT}, 3000)
 * @param jwtSecret the core's HS256 secret ({@code HOME_JWT_SECRET}, a local-development
 * default)
 * @param serviceToken the product-to-core credential ({@code CORE_SERVICE_TOKEN}, a
 * local-development default)
 */
record PlatformSettings(Path repositoryRoot, Path home, boolean clean, int corePort, int firstProductPort,
		int postgresPort, int redisPort, int kafkaPort, int webPort, String jwtSecret, String serviceToken) {

	/** Local-development default, never used outside this machine. */
	static final String LOCAL_DEV_JWT_SECRET = "local-dev-only-jwt-secret-change-me-0123456789";

	/** Local-development default, never used outside this machine. */
	static final String LOCAL_DEV_SERVICE_TOKEN = "local-dev-service-token";

	static PlatformSettings from(Map<String, String> environment, List<String> args, Path workingDirectory) {
		Path root = workingDirectory.toAbsolutePath().normalize();
		return new PlatformSettings(root,
				Path.of(environment.getOrDefault("PLATFORM_HOME", root.resolve(".local-platform").toString())),
				args.contains("--clean"), intValue(environment, "PLATFORM_CORE_PORT", 8000),
				intValue(environment, "PLATFORM_FIRST_PRODUCT_PORT", 8001),
				intValue(environment, "PLATFORM_POSTGRES_PORT", 15432),
				intValue(environment, "PLATFORM_REDIS_PORT", 16379),
				intValue(environment, "PLATFORM_KAFKA_PORT", 19092), intValue(environment, "PLATFORM_WEB_PORT", 3000),
				environment.getOrDefault("HOME_JWT_SECRET", LOCAL_DEV_JWT_SECRET),
				environment.getOrDefault("CORE_SERVICE_TOKEN", LOCAL_DEV_SERVICE_TOKEN));
	}

	String coreUrl() {
		return "http://127.0.0.1:" + this.corePort;
	}

	private static int intValue(Map<String, String> environment, String name, int fallback) {
		String value = environment.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'", ex);
		}
	}

}
