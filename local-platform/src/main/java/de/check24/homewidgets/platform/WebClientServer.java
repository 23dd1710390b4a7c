package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the web client's production build ({@code web-client/dist}) and a
 * {@code config.json} that points it at the local core, which allows this origin by CORS.
 */
final class WebClientServer implements AutoCloseable {

	private static final Map<String, String> CONTENT_TYPES = Map.of(".html", "text/html; charset=utf-8", ".js",
			"text/javascript; charset=utf-8", ".css", "text/css; charset=utf-8", ".json",
			"application/json; charset=utf-8", ".svg", "image/svg+xml", ".png", "image/png", ".ico", "image/x-icon",
			".woff2", "font/woff2");

	private final HttpServer server;

	private final ExecutorService executor;

	private WebClientServer(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static WebClientServer start(Path distribution, int port, String coreUrl) {
		byte[] config = ("{\"coreUrl\":\"" + coreUrl + "\"}").getBytes(StandardCharsets.UTF_8);
		Path root = distribution.toAbsolutePath().normalize();
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
			ExecutorService executor = Executors.newFixedThreadPool(4);
			server.setExecutor(executor);
			server.createContext("/", (exchange) -> {
				try (exchange) {
					String path = exchange.getRequestURI().getPath();
					if (path.equals("/config.json")) {
						send(exchange, 200, "application/json", config);
						return;
					}
					Path file = root.resolve(path.substring(1)).normalize();
					if (!file.startsWith(root) || !Files.isRegularFile(file)) {
						// single-page app: every unknown path renders the app
						file = root.resolve("index.html");
					}
					send(exchange, 200, contentType(file), Files.readAllBytes(file));
				}
			});
			server.start();
			return new WebClientServer(server, executor);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not serve the web client on port " + port, ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static String contentType(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "application/octet-stream"
				: CONTENT_TYPES.getOrDefault(name.substring(dot), "application/octet-stream");
	}

}
