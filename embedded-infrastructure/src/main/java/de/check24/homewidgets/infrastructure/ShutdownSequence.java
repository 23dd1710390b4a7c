package de.check24.homewidgets.infrastructure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of the embedded servers. Every server registers itself when
 * it starts and leaves when it is closed; when the JVM exits, the hook stops what is
 * still registered: owners first, then servers newest first, so a service stops before
 * the Redis it talks to. Kafka's own clean-up hooks (its temporary directories) run last:
 * as JVM hooks of their own they ran at the same time as the broker's shutdown and
 * deleted its log directory under it.
 */
public final class ShutdownSequence {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownSequence.class);

	private static final ShutdownSequence jvm = new ShutdownSequence();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(jvm::run, "embedded-infrastructure-shutdown"));
	}

	private final Deque<AutoCloseable> owners = new ArrayDeque<>();

	private final Deque<AutoCloseable> servers = new ArrayDeque<>();

	private final List<Runnable> cleanUps = new ArrayList<>();

	ShutdownSequence() {
	}

	/**
	 * Registers something that owns servers and stops them in an order of its own, such
	 * as the local platform; owners stop before any server.
	 * @param owner what to close when the JVM exits
	 */
	public static void addOwner(AutoCloseable owner) {
		jvm.pushOwner(owner);
	}

	/**
	 * Forgets an owner that was closed.
	 * @param owner the owner
	 */
	public static void removeOwner(AutoCloseable owner) {
		jvm.forget(owner);
	}

	static void add(AutoCloseable server) {
		jvm.pushServer(server);
	}

	static void remove(AutoCloseable server) {
		jvm.forget(server);
	}

	/** Runs after every owner and server stopped. */
	static void afterwards(Runnable cleanUp) {
		jvm.then(cleanUp);
	}

	synchronized void pushOwner(AutoCloseable owner) {
		this.owners.remove(owner);
		this.owners.push(owner);
	}

	/** A server started (again): it stops before everything that started earlier. */
	synchronized void pushServer(AutoCloseable server) {
		this.servers.remove(server);
		this.servers.push(server);
	}

	synchronized void forget(AutoCloseable closeable) {
		this.owners.remove(closeable);
		this.servers.remove(closeable);
	}

	synchronized void then(Runnable cleanUp) {
		this.cleanUps.add(cleanUp);
	}

	/** Stops everything registered, in shutdown order, then runs the clean-ups. */
	void run() {
		// bounded: each pass takes one entry off; nothing registers while the JVM exits
		for (int remaining = pending(); remaining > 0; remaining--) {
			AutoCloseable next = next();
			if (next == null) {
				break;
			}
			try {
				next.close();
			}
			catch (Exception ex) {
				logger.warn("Stopping {} failed: {}", next, ex.toString());
			}
		}
		List<Runnable> afterwards;
		synchronized (this) {
			afterwards = new ArrayList<>(this.cleanUps);
			this.cleanUps.clear();
		}
		afterwards.forEach(Runnable::run);
	}

	private synchronized int pending() {
		return this.owners.size() + this.servers.size();
	}

	private synchronized AutoCloseable next() {
		AutoCloseable next = this.owners.poll();
		return (next != null) ? next : this.servers.poll();
	}

}
