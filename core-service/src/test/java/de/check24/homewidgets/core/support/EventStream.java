package de.check24.homewidgets.core.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of {@code GET /stream/updates}: the JDK HTTP client and a line reader on a
 * daemon thread, collecting events and comments as they arrive.
 */
public final class EventStream implements AutoCloseable {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private final HttpResponse<InputStream> response;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<String> comments = new CopyOnWriteArrayList<>();

	private volatile boolean ended;

	private EventStream(HttpResponse<InputStream> response, boolean read) {
		this.response = response;
		if (read && response.statusCode() == 200) {
			Thread reader = new Thread(this::read, "event-stream-reader");
			reader.setDaemon(true);
			reader.start();
		}
	}

	/**
	 * Opens a stream and reads it.
	 * @param baseUrl the core, e.g. {@code http://127.0.0.1:8000}
	 * @param userId the subscriber, {@code null} for anonymous
	 * @return the open stream (or the error answer, see {@link #status()})
	 */
	public static EventStream open(String baseUrl, Long userId) {
		return (userId != null) ? open(baseUrl, "Authorization", "Bearer " + Tokens.forUser(userId)) : open(baseUrl);
	}

	/**
	 * Opens a stream with a ticket, as a browser's {@code EventSource} does.
	 * @param baseUrl the core
	 * @param ticket from {@code POST /stream/ticket}
	 * @return the stream
	 */
	public static EventStream withTicket(String baseUrl, String ticket) {
		return send(URI.create(baseUrl + "/stream/updates?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)),
				true);
	}

	/**
	 * Opens a stream with a token in the URL, as clients did before tickets: the core
	 * must not take it.
	 * @param baseUrl the core
	 * @param token the token
	 * @return the stream
	 */
	public static EventStream withTokenInTheUrl(String baseUrl, String token) {
		return send(
				URI.create(
						baseUrl + "/stream/updates?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
				true);
	}

	public static EventStream open(String baseUrl, String... headers) {
		return send(request(URI.create(baseUrl + "/stream/updates"), headers), true);
	}

	/**
	 * Starts opening a stream without reading it, for many connections at once.
	 * @param baseUrl the core
	 * @param userId the subscriber, {@code null} for anonymous
	 * @return the stream once its headers arrived
	 */
	public static CompletableFuture<EventStream> openUnread(String baseUrl, Long userId) {
		HttpRequest request = (userId != null)
				? request(URI.create(baseUrl + "/stream/updates"), "Authorization", "Bearer " + Tokens.forUser(userId))
				: request(URI.create(baseUrl + "/stream/updates"));
		return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.thenApply((response) -> new EventStream(response, false));
	}

	private static EventStream send(URI uri, boolean read) {
		return send(request(uri), read);
	}

	private static EventStream send(HttpRequest request, boolean read) {
		try {
			return new EventStream(
					client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(30, TimeUnit.SECONDS),
					read);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpRequest request(URI uri, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		return builder.build();
	}

	public int status() {
		return this.response.statusCode();
	}

	public String contentType() {
		return this.response.headers().firstValue("Content-Type").orElse("");
	}

	/**
	 * The error answer's body, for a stream that was refused.
	 * @return the body
	 */
	public String errorBody() {
		try (InputStream body = this.response.body()) {
			return new String(body.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public List<Event> events() {
		return List.copyOf(this.events);
	}

	/**
	 * The {@code cache_invalidated} messages received so far.
	 * @return their data
	 */
	public List<JsonNode> invalidations() {
		return this.events.stream()
			.filter((event) -> event.name() == null)
			.map(Event::json)
			.filter((json) -> "cache_invalidated".equals(json.path("type").asText()))
			.toList();
	}

	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	/**
	 * Whether the server ended the stream.
	 * @return {@code true} once the body reached its end or failed
	 */
	public boolean ended() {
		return this.ended;
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// gone already
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = null;
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, name, data.toString()));
					}
					id = null;
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1));
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6);
				}
				else if (line.startsWith("data:")) {
					data = (data == null) ? new StringBuilder() : data.append('\n');
					data.append(line.substring(5));
				}
			}
		}
		catch (IOException ex) {
			// closed
		}
		finally {
			this.ended = true;
		}
	}

	/**
	 * One Server-Sent Event.
	 *
	 * @param id its id; may be {@code null}
	 * @param name its name, {@code null} for the default {@code message}
	 * @param data its data
	 */
	public record Event(String id, String name, String data) {

		public JsonNode json() {
			try {
				return objectMapper.readTree(this.data);
			}
			catch (IOException ex) {
				throw new IllegalStateException(this.data, ex);
			}
		}

	}

}
