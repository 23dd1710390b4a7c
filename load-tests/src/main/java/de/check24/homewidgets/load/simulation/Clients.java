package de.check24.homewidgets.load.simulation;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.http.action.sse.SseInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import de.check24.homewidgets.load.ClientAddresses;
import de.check24.homewidgets.load.Fact;
import de.check24.homewidgets.load.HomeDocument;
import de.check24.homewidgets.load.Journal;
import de.check24.homewidgets.load.LoadSettings;
import de.check24.homewidgets.load.Outcome;
import de.check24.homewidgets.load.UserTokens;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What the simulated clients share: settings, tokens, synthetic addresses, the journal,
 * the ETags their "devices" kept, and the one way every request is made and recorded.
 */
final class Clients {

	/** Session keys. */
	static final String USER = "userId";

	static final String TOKEN = "token";

	static final String ADDRESS = "address";

	static final String ETAG = "etag";

	static final String BODY = "body";

	private static final ObjectMapper json = new ObjectMapper();

	/** The products buyers buy from, in turn. */
	static final List<String> PRODUCTS = List.of("car-insurance", "health-insurance", "house-insurance", "banking");

	private static Clients current;

	final LoadSettings settings;

	final UserTokens tokens;

	final Journal journal;

	final ClientAddresses addresses;

	/** ETags the clients' devices kept, by user id (0 = anonymous). */
	private final Map<Long, String> etags = new ConcurrentHashMap<>();

	private final AtomicLong coldUsers = new AtomicLong();

	private final AtomicLong buyers = new AtomicLong();

	private final AtomicLong screens = new AtomicLong();

	private Clients(LoadSettings settings) {
		this.settings = settings;
		this.tokens = new UserTokens(settings.jwtSecret());
		this.journal = Journal.appendingTo(settings.journal());
		this.addresses = new ClientAddresses(settings.addresses());
	}

	/** The clients of this JVM's run, made from the system properties on first use. */
	static synchronized Clients current() {
		if (current == null) {
			current = new Clients(LoadSettings.fromSystem());
		}
		return current;
	}

	/** Flushes and closes the journal; the next run starts afresh. */
	static synchronized void finish() {
		if (current != null) {
			current.journal.close();
			current = null;
		}
	}

	HttpProtocolBuilder protocol() {
		return http.baseUrl(this.settings.coreUrl())
			.acceptHeader("application/json")
			// the load balancer in front of many clients reports each one's address
			.header("X-Forwarded-For", "#{" + ADDRESS + "}")
			// the test handles ETags itself, as the app does, and asserts on what it sees
			.disableCaching()
			.disableFollowRedirect()
			.sseUnmatchedInboundMessageBufferSize(200)
			.userAgentHeader("home-widgets-load-test");
	}

	/** Signed-in readers whose homes were warmed: the cache hits. */
	Iterator<Map<String, Object>> warmReaders() {
		return Stream.generate(() -> {
			double draw = ThreadLocalRandom.current().nextDouble();
			if (draw < this.settings.anonymousShare()) {
				return user(null);
			}
			return user(this.settings.warmUser(ThreadLocalRandom.current().nextInt(this.settings.warmUsers())));
		}).iterator();
	}

	/** Each warm user once, for the warm-up. */
	Iterator<Map<String, Object>> warmUpUsers() {
		AtomicLong next = new AtomicLong();
		return Stream
			.generate(() -> user(
					this.settings.warmUser((int) (next.getAndIncrement() % Math.max(1, this.settings.warmUsers())))))
			.iterator();
	}

	/** Users nobody has seen before: the cache misses. */
	Iterator<Map<String, Object>> coldReaders() {
		return Stream.generate(() -> user(this.settings.coldUser(this.coldUsers.getAndIncrement()))).iterator();
	}

	/**
	 * Buyers, each a new user; the first ones are the users whose live screens are open
	 * (see {@link #screenUsers()}), so their purchases reach a second screen too.
	 */
	Iterator<Map<String, Object>> buyers() {
		return Stream.generate(() -> {
			long index = this.buyers.getAndIncrement();
			Map<String, Object> buyer = user(this.settings.buyer(index));
			buyer.put("product", PRODUCTS.get((int) (index % PRODUCTS.size())));
			buyer.put("keep", ThreadLocalRandom.current().nextDouble() < this.settings.keepShare());
			return buyer;
		}).iterator();
	}

	/** Live screens: signed in as the buyers to come, every fifth one anonymous. */
	Iterator<Map<String, Object>> screenUsers() {
		return Stream.generate(() -> {
			long index = this.screens.getAndIncrement();
			return (index % 5 == 4) ? user(null) : user(this.settings.buyer(index));
		}).iterator();
	}

	private Map<String, Object> user(Long userId) {
		Map<String, Object> user = new HashMap<>();
		user.put(USER, (userId != null) ? userId : 0L);
		user.put(TOKEN, (userId != null) ? this.tokens.forUser(userId) : "");
		user.put(ADDRESS, this.addresses.next());
		return user;
	}

	static boolean signedIn(Session session) {
		return session.getLong(USER) != 0L;
	}

	/**
	 * A request made and recorded the same way everywhere: status, {@code Retry-After},
	 * the answering replica and the body are kept for the journal's verdict; a request
	 * that got no answer is recorded with status 0.
	 * @param name the request's name in the report
	 * @param method for the verdict
	 * @param path for the verdict (without query)
	 * @param request the request
	 * @param expected the statuses Gatling counts as OK
	 * @return the chain
	 */
	ChainBuilder call(String name, String method, Function<Session, String> path, HttpRequestActionBuilder request,
			Integer... expected) {
		return exec((session) -> session.removeAll("status", "retryAfter", "servedBy", BODY, "millis", "newEtag")
			.set("sentAt", System.currentTimeMillis()))
			.exec(request.check(status().saveAs("status"), header("Retry-After").optional().saveAs("retryAfter"),
					header("X-Served-By").optional().saveAs("servedBy"), header("ETag").optional().saveAs("newEtag"),
					bodyString().saveAs(BODY), responseTimeInMillis().saveAs("millis"), status().in(expected)))
			.exec((session) -> record(session, name, method, path.apply(session)));
	}

	private Session record(Session session, String name, String method, String path) {
		int status = session.contains("status") ? session.getInt("status") : 0;
		long sentAt = session.getLong("sentAt");
		long millis = session.contains("millis") ? session.getLong("millis") : System.currentTimeMillis() - sentAt;
		Outcome outcome = Outcome.of(method, path, status, session.getString("retryAfter"), session.getString(BODY));
		long user = session.getLong(USER);
		this.journal.record(Fact.request(sentAt, name, status, millis, outcome, session.getString("servedBy"),
				(user != 0L) ? user : null));
		return session.set("outcome", outcome.label());
	}

	/** Keeps the ETag of a 200 home on the "device", as the app does. */
	Session keepEtag(Session session) {
		if (session.contains("newEtag") && session.contains("status") && session.getInt("status") == 200) {
			this.etags.put(session.getLong(USER), session.getString("newEtag"));
		}
		return session;
	}

	/** The ETag the device holds for this user's home, or a value that never matches. */
	String etagOf(Session session) {
		return this.etags.getOrDefault(session.getLong(USER), "\"none\"");
	}

	/** The home in the last answer, if it was one. */
	static Optional<HomeDocument> home(Session session) {
		return HomeDocument.parse(session.getString(BODY));
	}

	/**
	 * The invalidations among a stream's messages.
	 * @param messages what the stream received since it was last asked
	 * @return each invalidation's data: {@code reason}, {@code user_id}, {@code service}
	 */
	static List<JsonNode> invalidations(List<SseInboundMessage> messages) {
		return messages.stream()
			.map((message) -> data(message.message()))
			.filter((data) -> "cache_invalidated".equals(data.path("type").asText()))
			.toList();
	}

	/** The last answer's body as JSON, empty when it was none. */
	static JsonNode body(Session session) {
		try {
			String body = session.getString(BODY);
			return (body != null && !body.isBlank()) ? json.readTree(body) : json.createObjectNode();
		}
		catch (IOException ex) {
			return json.createObjectNode();
		}
	}

	/** An event's data: Gatling hands each event over as JSON holding a data string. */
	static JsonNode data(String message) {
		try {
			JsonNode event = json.readTree(message);
			JsonNode data = event.path("data");
			return data.isTextual() ? json.readTree(data.asText()) : event;
		}
		catch (IOException ex) {
			return json.createObjectNode();
		}
	}

}
