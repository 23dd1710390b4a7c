package de.check24.homewidgets.infrastructure;

import java.util.function.Supplier;

/**
 * The JVM-wide instance of a server: started on first use, stopped by the
 * {@link ShutdownSequence} when the JVM exits. Test classes in one JVM share it, so each
 * server starts once per test run.
 *
 * @param <S> the server type
 */
final class SharedServer<S extends AutoCloseable> {

	private final Supplier<S> starter;

	private S server;

	/**
	 * A server that starts on the first {@link #get()}.
	 * @param starter starts the server (which registers itself with the shutdown
	 * sequence)
	 */
	SharedServer(Supplier<S> starter) {
		this.starter = starter;
	}

	/**
	 * The server, started on the first call.
	 * @return the shared server; a test that stops it starts it again when done
	 */
	synchronized S get() {
		if (this.server == null) {
			this.server = this.starter.get();
		}
		return this.server;
	}

}
