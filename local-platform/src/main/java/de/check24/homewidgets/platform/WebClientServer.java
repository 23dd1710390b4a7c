package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the web client's production build ({@code web-client/dist}) and a
 * {@code config.json} that points it at the local core, which allows this origin by CORS.
 * Widgets carry relative image URLs ({@code /images/<key>/...}): like NGINX in front of
 * the CDN in compose, this origin passes them on to the product of that key.
 */
final class WebClientServer implements AutoCloseable {

	/** What an image answer keeps of the product's headers (caching, validators). */
	private static final List<String> IMAGE_HEADERS = List.of("Content-Type", "Cache-Control", "ETag", "Last-Modified");

	private static final Duration IMAGE_TIMEOUT = Duration.ofSeconds(5);

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

	/**
	 * @param distribution the web client's build
	 * @param port where to serve it
	 * @param coreUrl the core, for {@code config.json}
	 * @param imageOrigins each product's base URL by product key
	 * @return the running server
	 */
	static WebClientServer start(Path distribution, int port, String coreUrl, Map<String, String> imageOrigins) {
		byte[] config = ("{\"coreUrl\":\"" + coreUrl + "\"}").getBytes(StandardCharsets.UTF_8);
		Path root = distribution.toAbsolutePath().normalize();
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
			ExecutorService executor = Executors.newFixedThreadPool(4);
			server.setExecutor(executor);
			HttpClient products = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			server.createContext("/images/", (exchange) -> {
				try (exchange) {
					proxyImage(exchange, products, imageOrigins);
				}
			});
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

	/**
	 * {@code GET /images/<key>/<file>} from the product of that key, its status, body and
	 * caching headers as they are; an unknown key is 404, a product that does not answer
	 * 502.
	 */
	private static void proxyImage(HttpExchange exchange, HttpClient products, Map<String, String> imageOrigins)
			throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String rest = path.substring("/images/".length());
		String origin = imageOrigins.get(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
		// nothing but the product's images: no dot segments that would climb out of them
		boolean normal = URI.create(path).normalize().getRawPath().equals(path);
		if (origin == null || !normal || !exchange.getRequestMethod().equals("GET")) {
			send(exchange, 404, "text/plain; charset=utf-8", "No such image\n".getBytes(StandardCharsets.UTF_8));
			return;
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + path)).timeout(IMAGE_TIMEOUT);
		String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		HttpResponse<byte[]> answer;
		try {
			answer = products.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			send(exchange, 502, "text/plain; charset=utf-8",
					("The product at " + origin + " did not answer\n").getBytes(StandardCharsets.UTF_8));
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		for (String header : IMAGE_HEADERS) {
			answer.headers().firstValue(header).ifPresent((value) -> exchange.getResponseHeaders().set(header, value));
		}
		byte[] body = answer.body();
		boolean empty = body.length == 0;
		exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : body.length);
		if (!empty) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
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
