package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local stand-in for the load balancer in front of the core replicas: an HTTP reverse
 * proxy on the public core port that sends each request to the next healthy replica in
 * turn (round robin). A replica is healthy while {@code GET /health} answers 200 (checked
 * every second) and it accepts connections; a request that could not reach a replica goes
 * to the next one, and so does a GET or HEAD whose replica failed before answering.
 * Responses stream through unbuffered, so Server-Sent Events arrive as they are sent.
 * Each response names its replica in {@code X-Served-By}.
 */
final class CoreLoadBalancer implements AutoCloseable {

	static final String SERVED_BY = "X-Served-By";

	/**
	 * Hop-by-hop headers (RFC 9110 section 7.6.1) and those the JDK client sets itself.
	 */
	private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
			"http2-settings");

	private final List<Replica> replicas;

	private final HttpServer server;

	private final ExecutorService handlers;

	private final ScheduledExecutorService healthChecks;

	private final HttpClient client;

	private final AtomicInteger next = new AtomicInteger();

	private final Set<InputStream> openStreams = ConcurrentHashMap.newKeySet();

	private CoreLoadBalancer(List<Replica> replicas, HttpServer server) {
		this.replicas = replicas;
		this.server = server;
		// a thread per open connection: an SSE stream holds one for as long as it lasts
		this.handlers = new ThreadPoolExecutor(4, 2048, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemon("core-load-balancer"));
		this.healthChecks = Executors.newSingleThreadScheduledExecutor(daemon("core-load-balancer-health"));
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Listens on the port and balances over the replicas.
	 * @param port the public core port
	 * @param replicas the core replicas
	 * @return the running load balancer
	 */
	static CoreLoadBalancer start(int port, List<CoreReplica> replicas) {
		HttpServer server;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The core load balancer could not listen on port " + port, ex);
		}
		CoreLoadBalancer balancer = new CoreLoadBalancer(
				replicas.stream().map((replica) -> new Replica(replica.name(), replica.url())).toList(), server);
		server.setExecutor(balancer.handlers);
		server.createContext("/", balancer::forward);
		server.start();
		balancer.healthChecks.scheduleWithFixedDelay(balancer::checkHealth, 0, 1, TimeUnit.SECONDS);
		return balancer;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The replicas' names and whether the last check found them healthy. */
	String describeReplicas() {
		List<String> states = new ArrayList<>();
		for (Replica replica : this.replicas) {
			states.add(replica.name + " " + replica.url + (replica.healthy ? "" : " (down)"));
		}
		return String.join(", ", states);
	}

	private void forward(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
			boolean retryable = method.equals("GET") || method.equals("HEAD");
			for (Replica replica : inTurn()) {
				HttpResponse<InputStream> response;
				try {
					response = this.client.send(request(exchange, replica, method, body),
							HttpResponse.BodyHandlers.ofInputStream());
				}
				catch (ConnectException | HttpConnectTimeoutException ex) {
					// nothing reached the replica: any method may go to the next
					replica.healthy = false;
					continue;
				}
				catch (IOException ex) {
					replica.healthy = false;
					if (retryable) {
						continue;
					}
					problem(exchange, 502, "Bad Gateway", replica.name + " failed before answering");
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				relay(exchange, replica, method, response);
				return;
			}
			exchange.getResponseHeaders().set("Retry-After", "1");
			problem(exchange, 503, "Service Unavailable", "No core replica answers");
		}
	}

	/** Healthy replicas from the next in turn, then the others as a last resort. */
	private List<Replica> inTurn() {
		int start = Math.floorMod(this.next.getAndIncrement(), this.replicas.size());
		List<Replica> healthy = new ArrayList<>();
		List<Replica> down = new ArrayList<>();
		for (int i = 0; i < this.replicas.size(); i++) {
			Replica replica = this.replicas.get((start + i) % this.replicas.size());
			(replica.healthy ? healthy : down).add(replica);
		}
		healthy.addAll(down);
		return healthy;
	}

	private HttpRequest request(HttpExchange exchange, Replica replica, String method, byte[] body) {
		URI original = exchange.getRequestURI();
		String target = replica.url + original.getRawPath()
				+ ((original.getRawQuery() != null) ? "?" + original.getRawQuery() : "");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
			// until the headers arrive; an event stream's body lasts as long as it lasts
			.timeout(Duration.ofSeconds(60))
			.method(method, (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		String host = exchange.getRequestHeaders().getFirst("Host");
		if (host != null) {
			request.header("X-Forwarded-Host", host);
		}
		request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
		request.header("X-Forwarded-Proto", "http");
		return request.build();
	}

	private void relay(HttpExchange exchange, Replica replica, String method, HttpResponse<InputStream> response)
			throws IOException {
		InputStream body = response.body();
		this.openStreams.add(body);
		try (body) {
			response.headers().map().forEach((name, values) -> {
				if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
					exchange.getResponseHeaders()
						.put(name, values.stream().map((value) -> local(value, replica)).toList());
				}
			});
			exchange.getResponseHeaders().set(SERVED_BY, replica.name);
			int status = response.statusCode();
			long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
			if (method.equals("HEAD") || status == 204 || status == 304 || length == 0) {
				exchange.sendResponseHeaders(status, -1);
				return;
			}
			// 0 = chunked: the length is unknown, e.g. an event stream
			exchange.sendResponseHeaders(status, Math.max(length, 0));
			OutputStream out = exchange.getResponseBody();
			byte[] buffer = new byte[8192];
			int read;
			// ends with the upstream response or when the client goes away (write fails)
			while ((read = body.read(buffer)) >= 0) {
				out.write(buffer, 0, read);
				// unbuffered: an event reaches the client as soon as the replica sent it
				out.flush();
			}
		}
		finally {
			this.openStreams.remove(body);
		}
	}

	/** A {@code Location} that names the replica names the load balancer instead. */
	private String local(String value, Replica replica) {
		return value.startsWith(replica.url) ? url() + value.substring(replica.url.length()) : value;
	}

	private static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
		byte[] body = ("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
				+ detail + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private void checkHealth() {
		for (Replica replica : this.replicas) {
			HttpRequest health = HttpRequest.newBuilder(URI.create(replica.url + "/health"))
				.timeout(Duration.ofSeconds(1))
				.build();
			try {
				replica.healthy = this.client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException ex) {
				replica.healthy = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Stops listening, ends open streams and the health checks. */
	@Override
	public void close() {
		this.healthChecks.shutdownNow();
		this.server.stop(0);
		for (InputStream stream : this.openStreams) {
			try {
				stream.close();
			}
			catch (IOException ex) {
				// the stream is gone either way
			}
		}
		this.handlers.shutdownNow();
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static final class Replica {

		private final String name;

		private final String url;

		private volatile boolean healthy;

		private Replica(String name, String url) {
			this.name = name;
			this.url = url;
		}

	}

}
