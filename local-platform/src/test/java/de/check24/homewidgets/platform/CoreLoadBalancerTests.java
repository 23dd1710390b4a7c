package de.check24.homewidgets.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.check24.homewidgets.infrastructure.LocalPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The load balancer in front of two stand-in core replicas. */
class CoreLoadBalancerTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final CountDownLatch streamsMayEnd = new CountDownLatch(1);

	private final List<HttpServer> replicas = new ArrayList<>();

	private CoreLoadBalancer balancer;

	@BeforeEach
	void start() throws IOException {
		List<CoreReplica> cores = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			HttpServer replica = replica("core-" + i);
			this.replicas.add(replica);
			cores.add(new CoreReplica("core-" + i, replica.getAddress().getPort(), 0));
		}
		this.balancer = CoreLoadBalancer.start(LocalPorts.free(), cores);
		await().atMost(Duration.ofSeconds(10)).until(() -> servedBy(20).size() == 2);
	}

	@AfterEach
	void stop() {
		this.streamsMayEnd.countDown();
		this.balancer.close();
		this.replicas.forEach((replica) -> replica.stop(0));
	}

	@Test
	void takesTheReplicasInTurn() throws Exception {
		List<String> order = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = get("/home");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("home from " + response.headers().firstValue("X-Served-By").get());
			order.add(response.headers().firstValue("X-Served-By").get());
		}
		assertThat(order.get(0)).isNotEqualTo(order.get(1));
		assertThat(order.get(0)).isEqualTo(order.get(2));
		assertThat(order.get(1)).isEqualTo(order.get(3));
	}

	@Test
	void skipsAReplicaThatIsDownFromTheFirstRequestOn() throws Exception {
		this.replicas.get(0).stop(0);

		for (int i = 0; i < 6; i++) {
			HttpResponse<String> response = get("/home");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Served-By")).contains("core-2");
		}
	}

	@Test
	void answersServiceUnavailableWithRetryAfterWhenNoReplicaIsUp() throws Exception {
		this.replicas.forEach((replica) -> replica.stop(0));

		HttpResponse<String> response = get("/home");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("1");
		assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
	}

	@Test
	void forwardsMethodPathQueryHeadersAndBody() throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.balancer.url() + "/echo?user_id=123"))
				.header("Authorization", "Bearer token")
				.POST(HttpRequest.BodyPublishers.ofString("{\"widget_id\":\"car_offer_devk\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("POST /echo?user_id=123 Bearer token {\"widget_id\":\"car_offer_devk\"}");
		assertThat(response.headers().firstValue("Location")).contains(this.balancer.url() + "/echo/1");
	}

	@Test
	void passesServerSentEventsOnAsTheyAreSent() throws Exception {
		HttpResponse<InputStream> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.balancer.url() + "/stream/updates")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream");
		try (BufferedReader events = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			// the replica keeps the stream open: the event arrives before the stream ends
			assertThat(events.readLine()).isEqualTo("event:connected");
			assertThat(events.readLine()).startsWith("data:");
		}
	}

	private Set<String> servedBy(int requests) throws Exception {
		Set<String> replicas = new HashSet<>();
		for (int i = 0; i < requests; i++) {
			get("/home").headers().firstValue("X-Served-By").ifPresent(replicas::add);
		}
		return replicas;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.balancer.url() + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Stands in for a core replica. */
	private HttpServer replica(String name) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/health", (exchange) -> send(exchange, 200, "{\"status\":\"UP\"}"));
		server.createContext("/home", (exchange) -> send(exchange, 200, "home from " + name));
		server.createContext("/echo", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/echo/1");
			send(exchange, 201, exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
		});
		server.createContext("/stream/updates", (exchange) -> {
			try (exchange) {
				exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
				exchange.sendResponseHeaders(200, 0);
				OutputStream out = exchange.getResponseBody();
				out.write("event:connected\ndata:{\"replica\":\"".concat(name)
					.concat("\"}\n\n")
					.getBytes(StandardCharsets.UTF_8));
				out.flush();
				this.streamsMayEnd.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		server.start();
		return server;
	}

	private static void send(HttpExchange exchange, int status, String text) throws IOException {
		try (exchange) {
			byte[] body = text.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		}
	}

}
