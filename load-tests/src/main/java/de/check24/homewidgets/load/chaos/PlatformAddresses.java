package de.check24.homewidgets.load.chaos;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the parts of a local platform with two core replicas listen, from the same
 * {@code PLATFORM_*} variables and defaults as the platform itself.
 *
 * @param home the platform's data and logs ({@code PLATFORM_HOME})
 * @param corePort the load balancer
 * @param replicaPorts core-1's and core-2's own ports
 * @param replicaManagementPorts their actuator ports
 * @param productKeys the products, in order
 * @param postgresPort the embedded PostgreSQL
 * @param kafkaPort the embedded Kafka broker
 * @param adminPort the platform's admin endpoint
 */
record PlatformAddresses(Path home, int corePort, List<Integer> replicaPorts, List<Integer> replicaManagementPorts,
		List<String> productKeys, int postgresPort, int kafkaPort, int adminPort) {

	static PlatformAddresses from(Map<String, String> environment) {
		int replica = port(environment, "PLATFORM_CORE_REPLICA_PORT", 8010);
		int management = port(environment, "PLATFORM_CORE_MANAGEMENT_PORT", 9000);
		return new PlatformAddresses(Path.of(environment.getOrDefault("PLATFORM_HOME", ".local-platform")),
				port(environment, "PLATFORM_CORE_PORT", 8000), List.of(replica, replica + 1),
				List.of(management, management + 10),
				List.of(environment
					.getOrDefault("PLATFORM_PRODUCTS", "car-insurance,health-insurance,house-insurance,banking")
					.split(",")),
				port(environment, "PLATFORM_POSTGRES_PORT", 15432), port(environment, "PLATFORM_KAFKA_PORT", 19092),
				port(environment, "PLATFORM_ADMIN_PORT", 8099));
	}

	String coreUrl() {
		return "http://127.0.0.1:" + this.corePort;
	}

	String replicaUrl(int index) {
		return "http://127.0.0.1:" + this.replicaPorts.get(index);
	}

	String metricsUrl(int index) {
		return "http://127.0.0.1:" + this.replicaManagementPorts.get(index) + "/actuator/prometheus";
	}

	String adminUrl() {
		return "http://127.0.0.1:" + this.adminPort + "/components";
	}

	String jdbcUrl(String productKey) {
		return "jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/" + productKey.replace('-', '_') + "_db";
	}

	String kafkaBootstrap() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	private static int port(Map<String, String> environment, String name, int fallback) {
		String value = environment.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

}
