package de.check24.homewidgets.core.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import de.check24.homewidgets.core.products.Product;

/**
 * A stand-in product service on a free port (JDK HTTP server) that can be told to serve
 * widgets, fail with 500, answer slowly or hang, or slip an invalid widget in. It counts
 * the widget calls it receives and remembers the {@code user_id} of each.
 */
public final class StubProduct {

	private final Product product;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "stub-product");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger widgetCalls = new AtomicInteger();

	private final Queue<String> userIds = new ConcurrentLinkedQueue<>();

	private final Queue<Call> calls = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private volatile boolean holding;

	private final Map<Long, String> contracts = new ConcurrentHashMap<>();

	private volatile boolean failing;

	private volatile boolean invalidWidget;

	private volatile boolean onlyInvalidWidgets;

	private volatile boolean failingContracts;

	private volatile boolean sameForEveryone;

	private volatile boolean futureDataField;

	private volatile Duration delay = Duration.ZERO;

	private volatile String version = "v1";

	private volatile CountDownLatch release = new CountDownLatch(1);

	/**
	 * Starts a stub; {@link StubProducts} holds the four every test shares.
	 * @param product the product it stands in for
	 */
	public StubProduct(Product product) {
		this.product = product;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/widget/" + product.key(), this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public Product product() {
		return this.product;
	}

	/** Back to serving two valid widgets at once, counters at zero. */
	public void reset() {
		this.failing = false;
		this.invalidWidget = false;
		this.onlyInvalidWidgets = false;
		this.failingContracts = false;
		this.sameForEveryone = false;
		this.futureDataField = false;
		this.delay = Duration.ZERO;
		this.version = "v1";
		this.contracts.clear();
		this.widgetCalls.set(0);
		this.userIds.clear();
		this.calls.clear();
		this.maxInFlight.set(0);
		this.holding = false;
		CountDownLatch previous = this.release;
		this.release = new CountDownLatch(1);
		previous.countDown(); // lets hanging handlers go
	}

	public StubProduct failing() {
		this.failing = true;
		return this;
	}

	public StubProduct serving() {
		this.failing = false;
		return this;
	}

	public StubProduct slow(Duration delay) {
		this.delay = delay;
		return this;
	}

	/**
	 * Holds every widget call until {@link #release()} (or {@link #reset()}).
	 * @return this stub
	 */
	public StubProduct hold() {
		this.holding = true;
		return this;
	}

	/** Lets held calls answer and stops holding new ones. */
	public void release() {
		this.holding = false;
		CountDownLatch previous = this.release;
		this.release = new CountDownLatch(1);
		previous.countDown();
	}

	/**
	 * Widget calls being answered right now.
	 * @return how many
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * The most widget calls answered at the same time since the last reset.
	 * @return how many
	 */
	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	/**
	 * Every widget call so far, in arrival order.
	 * @return the calls
	 */
	public List<Call> calls() {
		return List.copyOf(this.calls);
	}

	/**
	 * Serves widgets that all break the contract.
	 * @return this stub
	 */
	public StubProduct withOnlyInvalidWidgets() {
		this.onlyInvalidWidgets = true;
		return this;
	}

	/**
	 * Answers contract lists with a server error.
	 * @return this stub
	 */
	public StubProduct failingContracts() {
		this.failingContracts = true;
		return this;
	}

	/**
	 * Serves every user the generic offers, as products do for users without a personal
	 * one.
	 * @return this stub
	 */
	public StubProduct sameForEveryone() {
		this.sameForEveryone = true;
		return this;
	}

	public StubProduct withInvalidWidget() {
		this.invalidWidget = true;
		return this;
	}

	/**
	 * Adds a component-specific data field the contract does not list yet to the first
	 * widget: {@code "countdown": {"ends_at": "2026-12-01T00:00:00Z", "label": "..."}}.
	 * @return this stub
	 */
	public StubProduct withFutureDataField() {
		this.futureDataField = true;
		return this;
	}

	/**
	 * Changes what the widgets say, so a test can tell old content from new.
	 * @param version e.g. {@code v2}
	 * @return this stub
	 */
	public StubProduct version(String version) {
		this.version = version;
		return this;
	}

	public StubProduct contract(long userId, String widgetId) {
		this.contracts.put(userId, """
				{"user_id": %d, "contracts": [{"contract_id": 7, "widget_id": "%s", "component_type": "Card",
				 "data": {"title": "Bought"}, "created_at": "2025-01-15T10:30:00Z"}]}""".formatted(userId, widgetId));
		return this;
	}

	public int widgetCalls() {
		return this.widgetCalls.get();
	}

	public List<String> userIds() {
		return List.copyOf(this.userIds);
	}

	/**
	 * The title of the widget this stub serves first to a user.
	 * @param userId the user, {@code null} for anonymous
	 * @param version the content version
	 * @return the title
	 */
	public String title(Long userId, String version) {
		return this.product.key() + " offer A for " + ((userId != null) ? userId : "anonymous") + " (" + version + ")";
	}

	public void stop() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/widget/" + this.product.key() + "/contract/")) {
				if (this.failingContracts) {
					respond(exchange, 500, "{\"title\":\"Internal Server Error\"}");
					return;
				}
				long userId = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
				String body = this.contracts.get(userId);
				respond(exchange, (body != null) ? 200 : 404, (body != null) ? body : "{\"title\":\"Not Found\"}");
				return;
			}
			this.widgetCalls.incrementAndGet();
			long started = System.nanoTime();
			this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			String userId = userId(exchange.getRequestURI().getRawQuery());
			this.userIds.add((userId != null) ? userId : "<none>");
			try {
				CountDownLatch release = this.release;
				if (this.holding) {
					release.await(30, TimeUnit.SECONDS);
				}
				else if (!this.delay.isZero()) {
					release.await(this.delay.toMillis(), TimeUnit.MILLISECONDS);
				}
				if (this.failing) {
					respond(exchange, 500, "{\"title\":\"Internal Server Error\"}");
					return;
				}
				respond(exchange, 200,
						widgets((userId != null && !this.sameForEveryone) ? Long.valueOf(userId) : null));
			}
			finally {
				this.inFlight.decrementAndGet();
				this.calls.add(new Call(userId, exchange.getRequestHeaders().getFirst("Authorization"), started,
						System.nanoTime()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private String widgets(Long userId) {
		if (this.onlyInvalidWidgets) {
			return """
					{"widgets": [{"widget_id": "broken", "component_type": "Card", "priority": 0, "data": {}}]}""";
		}
		String who = (userId != null) ? userId.toString() : "anonymous";
		String id = this.product.key() + "_" + this.version + "_" + who;
		String invalid = this.invalidWidget
				? """
						, {"widget_id": "%s_invalid", "component_type": "Card", "priority": 0, "data": {"content": "no title"}}"""
					.formatted(id)
				: "";
		String future = this.futureDataField
				? ", \"countdown\": {\"ends_at\": \"2026-12-01T00:00:00Z\", \"label\": \"Nur noch heute\"}" : "";
		return """
				{"widgets": [
				  {"widget_id": "%s_b", "component_type": "Card", "priority": 2,
				   "data": {"title": "%s offer B for %s (%s)"}},
				  {"widget_id": "%s_a", "component_type": "Card", "priority": 1,
				   "data": {"title": "%s", "pricing": {"price": 89.0, "currency": "€", "frequency": "Monat"}%s}}%s
				]}""".formatted(id, this.product.key(), who, this.version, id, title(userId, this.version), future,
				invalid);
	}

	private static String userId(String query) {
		if (query == null) {
			return null;
		}
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("user_id=")) {
				return parameter.substring("user_id=".length());
			}
		}
		return null;
	}

	/**
	 * One widget call as the stub saw it.
	 *
	 * @param userId the {@code user_id} asked for, {@code null} for anonymous
	 * @param authorization the {@code Authorization} header
	 * @param startedNanos when it arrived ({@link System#nanoTime()})
	 * @param finishedNanos when it was answered
	 */
	public record Call(String userId, String authorization, long startedNanos, long finishedNanos) {

		/**
		 * Whether two calls were being answered at the same time.
		 * @param other another call
		 * @return {@code true} if they overlapped
		 */
		public boolean overlaps(Call other) {
			return this.startedNanos < other.finishedNanos && other.startedNanos < this.finishedNanos;
		}

	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
