package de.check24.homewidgets.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import de.check24.homewidgets.infrastructure.ServiceProcess;

/**
 * A service jar (the core or a product) as a component: each start is a new process on
 * the same port with the same environment, logging to the same file.
 */
final class ServiceComponent implements Component {

	static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final String name;

	private final String module;

	private final String logName;

	private final int port;

	private final String metricsUrl;

	private final Map<String, String> environment;

	private final Path repositoryRoot;

	private final Path logs;

	private final List<String> jvmOptions;

	private volatile ServiceProcess process;

	ServiceComponent(String name, String module, String logName, int port, String metricsUrl,
			Map<String, String> environment, Path repositoryRoot, Path logs, List<String> jvmOptions) {
		this.name = name;
		this.module = module;
		this.logName = logName;
		this.port = port;
		this.metricsUrl = metricsUrl;
		this.environment = Map.copyOf(environment);
		this.repositoryRoot = repositoryRoot;
		this.logs = logs;
		this.jvmOptions = List.copyOf(jvmOptions);
	}

	@Override
	public String name() {
		return this.name;
	}

	/** Launches the process without waiting; {@link #awaitHealthy()} waits. */
	synchronized void launch() {
		if (!isRunning()) {
			this.process = ServiceProcess.start(this.logName, this.module, this.port, this.environment,
					this.repositoryRoot, this.logs, this.jvmOptions);
		}
	}

	/** Waits until the service answers {@code GET /health}. */
	void awaitHealthy() {
		ServiceProcess running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.name + " is not started");
		}
		try {
			running.awaitHealthy(STARTUP_TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + this.name + " started", ex);
		}
	}

	@Override
	public void start() {
		launch();
		awaitHealthy();
	}

	@Override
	public synchronized void stop() {
		if (this.process != null) {
			this.process.close();
			this.process = null;
		}
	}

	@Override
	public boolean isRunning() {
		ServiceProcess running = this.process;
		return running != null && running.isAlive();
	}

	@Override
	public String identity() {
		ServiceProcess running = this.process;
		return (running != null) ? "pid " + running.pid() : "not running";
	}

	@Override
	public String endpoints() {
		return url() + "  metrics " + this.metricsUrl + "  log " + this.logs.resolve(this.logName + ".log");
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	String metricsUrl() {
		return this.metricsUrl;
	}

}
