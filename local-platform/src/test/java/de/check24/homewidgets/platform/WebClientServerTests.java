package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client's origin passes relative image URLs on to the product of their key, as
 * NGINX does in compose, for any product the platform runs.
 */
class WebClientServerTests {

	private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";

	private final HttpClient http = HttpClient.newHttpClient();

	/** The paths the stand-in product was asked for. */
	private final List<String> asked = new CopyOnWriteArrayList<>();

	private HttpServer product;

	private WebClientServer web;

	@BeforeEach
	void start(@TempDir Path distribution) throws IOException {
		Files.writeString(distribution.resolve("index.html"), "<!doctype html><title>app</title>");
		this.product = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
		this.product.createContext("/", (exchange) -> {
			try (exchange) {
				this.asked.add(exchange.getRequestURI().getRawPath());
				if ("\"abc\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
					exchange.getResponseHeaders().set("ETag", "\"abc\"");
					exchange.sendResponseHeaders(304, -1);
					return;
				}
				byte[] body = SVG.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "image/svg+xml");
				exchange.getResponseHeaders().set("Cache-Control", "max-age=31536000, public, immutable");
				exchange.getResponseHeaders().set("ETag", "\"abc\"");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		});
		this.product.start();
		this.web = WebClientServer.start(distribution, 0, "http://127.0.0.1:9",
				Map.of("solar-power", "http://127.0.0.1:" + this.product.getAddress().getPort()));
	}

	@AfterEach
	void stop() {
		this.web.close();
		this.product.stop(0);
	}

	@Test
	void passesAnImageOnToTheProductOfItsKeyWithItsCachingHeaders() throws Exception {
		HttpResponse<String> image = get("/images/solar-power/sun-0123.svg", null);

		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
		assertThat(image.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
		assertThat(image.body()).isEqualTo(SVG);
		assertThat(this.asked).containsExactly("/images/solar-power/sun-0123.svg");
		assertThat(get("/images/solar-power/sun-0123.svg", "\"abc\"").statusCode()).isEqualTo(304);
	}

	@Test
	void answers404ForAKeyNoProductHasAndForPathsThatClimbOutOfTheImages() throws Exception {
		assertThat(get("/images/unknown/sun.svg", null).statusCode()).isEqualTo(404);
		assertThat(get("/images/solar-power/../../health", null).statusCode()).isEqualTo(404);
		assertThat(this.asked).isEmpty();
	}

	@Test
	void stillServesTheAppAndItsConfigElsewhere() throws Exception {
		assertThat(get("/home", null).body()).contains("<title>app</title>");
		assertThat(get("/config.json", null).body()).isEqualTo("{\"coreUrl\":\"http://127.0.0.1:9\"}");
	}

	private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.web.url() + path));
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
