package de.check24.homewidgets.platform;

/**
 * One core-service process.
 *
 * @param name its component name, {@code core-1}, {@code core-2}, ...
 * @param port its own HTTP port (the public core port when it runs alone)
 * @param managementPort its actuator port ({@code MANAGEMENT_PORT})
 */
record CoreReplica(String name, int port, int managementPort) {

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	String metricsUrl() {
		return "http://127.0.0.1:" + this.managementPort + "/actuator/prometheus";
	}

	/** {@code core-service-1.log} for {@code core-1}. */
	String logName() {
		return "core-service-" + this.name.substring(this.name.indexOf('-') + 1);
	}

}
