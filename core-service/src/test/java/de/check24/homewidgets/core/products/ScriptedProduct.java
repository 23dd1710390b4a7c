package de.check24.homewidgets.core.products;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A product service on a raw socket, told request by request what to do: answer, hang
 * until the caller gives up (and notice that it did), or drop the connection without an
 * answer. Every answer closes its connection, so each attempt of the client arrives on a
 * connection of its own.
 */
final class ScriptedProduct implements AutoCloseable {

	static final String WIDGETS = """
			{"widgets": [
			  {"widget_id": "offer_b", "component_type": "Card", "priority": 2, "data": {"title": "Offer B"}},
			  {"widget_id": "offer_a", "component_type": "Card", "priority": 1, "data": {"title": "Offer A"}}
			]}""";

	private final ServerSocket server;

	private final ExecutorService connections = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "scripted-product");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger abandoned = new AtomicInteger();

	private volatile Behaviour otherwise = answer(200, WIDGETS);

	ScriptedProduct() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.connections.execute(this::accept);
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getLocalPort());
	}

	/**
	 * Queues what to do with the next request that has no behaviour yet.
	 * @param behaviour what to do
	 * @return this product
	 */
	ScriptedProduct then(Behaviour behaviour) {
		this.script.add(behaviour);
		return this;
	}

	/**
	 * What to do once the queued behaviours are used up.
	 * @param behaviour what to do
	 * @return this product
	 */
	ScriptedProduct otherwise(Behaviour behaviour) {
		this.otherwise = behaviour;
		return this;
	}

	/**
	 * Every request received so far, in arrival order.
	 * @return the requests
	 */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Held requests whose caller closed the connection before an answer came.
	 * @return how many
	 */
	int abandoned() {
		return this.abandoned.get();
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.open.forEach(ScriptedProduct::closeQuietly);
		this.connections.shutdownNow();
	}

	static Behaviour answer(int status, String body) {
		return answer(status, "application/json", body, Map.of());
	}

	static Behaviour answer(int status, String contentType, String body, Map<String, String> headers) {
		return (socket, product) -> respond(socket, status, contentType, body, headers);
	}

	/** Never answers; notices when the caller closes the connection. */
	static Behaviour hang() {
		return (socket, product) -> {
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// nothing more is expected from the caller
			}
			product.abandoned.incrementAndGet();
		};
	}

	/** Closes the connection without an answer, like a product that crashed mid-call. */
	static Behaviour drop() {
		return (socket, product) -> socket.close();
	}

	/**
	 * Answers with widgets only once {@code arrivals} reached zero: requests that are not
	 * in flight at the same time never get an answer.
	 * @param arrivals counted down by every request that arrives
	 * @return the behaviour
	 */
	static Behaviour answerOnceAllArrived(CountDownLatch arrivals) {
		return (socket, product) -> {
			arrivals.countDown();
			try {
				if (arrivals.await(30, TimeUnit.SECONDS)) {
					respond(socket, 200, "application/json", WIDGETS, Map.of());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.open.add(socket);
				this.connections.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			Request request = read(socket.getInputStream());
			if (request == null) {
				return;
			}
			this.requests.add(request);
			Behaviour behaviour = this.script.poll();
			((behaviour != null) ? behaviour : this.otherwise).act(socket, this);
		}
		catch (IOException ex) {
			// the caller went away
		}
		finally {
			this.open.remove(socket);
		}
	}

	private static Request read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next == -1) {
				return null;
			}
			head.write(next);
			matched = (next == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		String[] requestLine = lines[0].split(" ");
		Map<String, String> headers = new TreeMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
		}
		int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
		String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
		return new Request(requestLine[0], requestLine[1], headers, body);
	}

	private static void respond(Socket socket, int status, String contentType, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " Scripted\r\n");
		head.append("Content-Type: ").append(contentType).append("\r\n");
		head.append("Content-Length: ").append(bytes.length).append("\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("Connection: close\r\n\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.write(bytes);
		out.flush();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/** What the product does with one request. */
	@FunctionalInterface
	interface Behaviour {

		void act(Socket socket, ScriptedProduct product) throws IOException;

	}

	/**
	 * A request as the product received it.
	 *
	 * @param method e.g. {@code GET}
	 * @param target path and query
	 * @param headers by lower-case name
	 * @param body the body, empty when there was none
	 */
	record Request(String method, String target, Map<String, String> headers, String body) {

	}

}
