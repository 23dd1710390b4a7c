package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The running platform's operator interface on 127.0.0.1 only, which
 * {@code ./platform.sh status|stop|start} talks to:
 * <ul>
 * <li>{@code GET /components}: every component and its state;</li>
 * <li>{@code POST /components/<name>/stop} and {@code POST /components/<name>/start}:
 * answers once the component ended or serves again.</li>
 * </ul>
 * Requests must carry {@value #HEADER}: a web page cannot send that header to another
 * origin without a CORS preflight, which this endpoint never allows, so a page in the
 * browser cannot stop the platform.
 */
final class AdminEndpoint implements AutoCloseable {

	static final String HEADER = "X-Platform-Admin";

	private final HttpServer server;

	private final ExecutorService executor;

	private AdminEndpoint(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static AdminEndpoint start(int port, LocalPlatform platform) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
			// status answers while a start is running
			ExecutorService executor = Executors.newFixedThreadPool(2);
			server.setExecutor(executor);
			server.createContext("/components", (exchange) -> {
				try (exchange) {
					handle(exchange, platform);
				}
			});
			server.start();
			return new AdminEndpoint(server, executor);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The admin endpoint could not listen on 127.0.0.1:" + port
					+ " (set PLATFORM_ADMIN_PORT to another port)", ex);
		}
	}

	private static void handle(HttpExchange exchange, LocalPlatform platform) throws IOException {
		if (exchange.getRequestHeaders().getFirst(HEADER) == null) {
			send(exchange, 403, "Requests need the " + HEADER + " header (use ./platform.sh)\n");
			return;
		}
		String[] path = exchange.getRequestURI().getPath().split("/");
		String method = exchange.getRequestMethod();
		if (path.length == 2 && method.equals("GET")) {
			send(exchange, 200, platform.status());
			return;
		}
		if (path.length == 4 && method.equals("POST") && (path[3].equals("stop") || path[3].equals("start"))) {
			Answer result = platform.act(path[3], path[2]);
			send(exchange, result.status(), result.message());
			return;
		}
		send(exchange, 404, "Use GET /components, POST /components/<name>/stop or POST /components/<name>/start\n");
	}

	private static void send(HttpExchange exchange, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * What a stop or start came to.
	 *
	 * @param status the HTTP status: 200 done, 404 no such component, 500 failed
	 * @param message one line per component, for the operator
	 */
	record Answer(int status, String message) {

	}

}
