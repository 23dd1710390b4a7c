package de.check24.homewidgets.platform;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** An embedded server (PostgreSQL, Redis, Kafka) as a component. */
final class ServerComponent implements Component {

	private final String name;

	private final Runnable start;

	private final Runnable stop;

	private final BooleanSupplier running;

	private final Supplier<String> identity;

	private final String endpoints;

	ServerComponent(String name, Runnable start, Runnable stop, BooleanSupplier running, Supplier<String> identity,
			String endpoints) {
		this.name = name;
		this.start = start;
		this.stop = stop;
		this.running = running;
		this.identity = identity;
		this.endpoints = endpoints;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public void start() {
		this.start.run();
	}

	@Override
	public void stop() {
		this.stop.run();
	}

	@Override
	public boolean isRunning() {
		return this.running.getAsBoolean();
	}

	@Override
	public String identity() {
		return this.identity.get();
	}

	@Override
	public String endpoints() {
		return this.endpoints;
	}

}
