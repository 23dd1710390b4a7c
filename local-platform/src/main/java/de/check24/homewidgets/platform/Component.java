package de.check24.homewidgets.platform;

/**
 * A part of the running platform that an operator can stop and start again, as the admin
 * endpoint does for {@code ./platform.sh stop|start <name>}. Stopping is real (the
 * process ends, the port closes); starting is on the same port with the same
 * configuration.
 */
interface Component {

	/**
	 * The name the admin command takes, e.g. {@code redis}, {@code core-1},
	 * {@code banking}.
	 */
	String name();

	/** Starts the component and returns once it serves; a no-op while it runs. */
	void start();

	/** Stops the component and returns once it ended; a no-op while it is stopped. */
	void stop();

	boolean isRunning();

	/**
	 * What identifies the running component, for the one-line messages.
	 * @return e.g. {@code pid 4711} or {@code 127.0.0.1:19092}
	 */
	String identity();

	/**
	 * Where to reach it, for {@code ./platform.sh status}.
	 * @return e.g.
	 * {@code http://127.0.0.1:8001  metrics http://127.0.0.1:9001/actuator/prometheus}
	 */
	String endpoints();

}
