package de.check24.homewidgets.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the core service's {@code POST /cache/invalidate}, recording what it
 * receives. Stops and starts again on the same port, like a core that goes away.
 */
final class StubCore {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private int port;

	private HttpServer server;

	private StubCore() {
	}

	static StubCore started() {
		StubCore core = new StubCore();
		core.start();
		return core;
	}

	synchronized void start() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::record);
		this.server.start();
		this.port = this.server.getAddress().getPort();
	}

	synchronized void stop() {
		this.server.stop(0);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	List<Received> received() {
		return this.received;
	}

	private void record(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("X-Service-Token"),
				exchange.getRequestHeaders().getFirst("traceparent"), body));
		exchange.sendResponseHeaders(202, -1);
		exchange.close();
	}

	record Received(String method, String path, String serviceToken, String traceParent, String body) {

	}

}
