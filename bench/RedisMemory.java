import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Measures the core's Redis memory per user (issue 12), JDK only:
 * {@code java RedisMemory.java <core-url> <redis-port> <jwt-secret> [users] [first-user-id] [concurrency] [issuer]}.
 * <ol>
 * <li>fills the cache for {@code users} users by {@code GET /home} with an HS256 token
 * each, and reads {@code INFO memory} before and after: the current layout (a small hash
 * per home referring to section blobs stored once by digest);</li>
 * <li>then writes the same widgets for the same users in the layout before section
 * sharing (one hash per home holding each section's widgets as JSON, as the core stored
 * them until the content-addressed blobs), and measures that too: the baseline.</li>
 * </ol>
 * Prints bytes per user, the projection for 1M users against the spec's 10 GB budget and
 * the 2 GB target, and how many section blobs the homes share.
 */
public class RedisMemory {

	static final long MILLION = 1_000_000L;

	static final double GB = 1e9;

	public static void main(String[] args) throws Exception {
		String core = args[0];
		int redisPort = Integer.parseInt(args[1]);
		String secret = args[2];
		int users = (args.length > 3) ? Integer.parseInt(args[3]) : 20_000;
		long firstUser = (args.length > 4) ? Long.parseLong(args[4]) : 1_000_000L;
		int concurrency = (args.length > 5) ? Integer.parseInt(args[5]) : 16;
		String issuer = (args.length > 6) ? args[6] : "home-widgets-local-dev";

		try (Resp redis = new Resp(redisPort)) {
			// the bench's own Redis: nothing may be evicted while measuring
			redis.call("CONFIG", "SET", "maxmemory", "0");
			long evictedBefore = info(redis, "stats").getOrDefault("evicted_keys", 0L);
			long before = usedMemory(redis);
			long keysBefore = (Long) redis.call("DBSIZE");
			System.out.printf("Redis before: used_memory %,d bytes, %d keys%n", before, keysBefore);

			fill(core, secret, issuer, users, firstUser, concurrency);

			// homes are written before the answer goes out; settle anyway
			long homes = count(redis, "sdui:home_page:v1:{user:*}");
			for (int i = 0; i < 20 && homes < users; i++) {
				TimeUnit.MILLISECONDS.sleep(500);
				homes = count(redis, "sdui:home_page:v1:{user:*}");
			}
			long blobs = count(redis, "sdui:section:v1:*");
			long after = usedMemory(redis);
			long shared = after - before;
			Map<String, byte[]> blobContents = blobs(redis);
			long blobBytes = 0;
			for (String key : blobContents.keySet()) {
				blobBytes += (Long) redis.call("MEMORY", "USAGE", key);
			}
			String sampleHome = "sdui:home_page:v1:{user:" + firstUser + "}";
			Object sampleUsage = redis.call("MEMORY", "USAGE", sampleHome);

			// the baseline: the same widgets per user, one JSON copy per home and section
			Map<String, String> widgetsByDigest = new HashMap<>();
			blobContents.forEach((key, blob) -> widgetsByDigest
				.put(key.substring("sdui:section:v1:{".length(), key.length() - 1), decode(blob)));
			long baselineBefore = usedMemory(redis);
			int written = writeBaseline(redis, users, firstUser, widgetsByDigest);
			long baselineAfter = usedMemory(redis);
			long baseline = baselineAfter - baselineBefore;
			Object sampleBaselineUsage = redis.call("MEMORY", "USAGE", "sdui:home_page:v0:{user:" + firstUser + "}");
			long evicted = info(redis, "stats").getOrDefault("evicted_keys", 0L) - evictedBefore;
			redis.pipeline(baselineKeys(users, firstUser));

			System.out.println();
			System.out.printf("users filled:                       %,d (homes in Redis: %,d)%n", users, homes);
			System.out.printf("section blobs / homes:              %,d / %,d  (one blob per distinct section content)%n",
					blobs, homes);
			System.out.printf("section blobs, all together:        %,d bytes (MEMORY USAGE)%n", blobBytes);
			System.out.printf("one home hash (MEMORY USAGE):       %s bytes%n", sampleUsage);
			System.out.printf("evicted keys while measuring:       %d%n", evicted);
			System.out.println();
			System.out.printf("%-34s %14s %14s %12s %14s %10s%n", "layout", "Redis bytes", "bytes/user", "1M users",
					"vs 10 GB", "vs 2 GB");
			row("shared sections (current)", shared, users);
			row("one copy per home (baseline)", baseline, written);
			System.out.printf("%none home in the baseline (MEMORY USAGE): %s bytes%n", sampleBaselineUsage);
			System.out.printf("baseline / current: %.1fx%n", (double) baseline / Math.max(1, shared));
		}
	}

	static void row(String name, long bytes, long users) {
		double perUser = (double) bytes / users;
		double million = perUser * MILLION;
		System.out.printf("%-34s %,14d %,14.0f %9.2f GB %13.1f%% %9.1f%%%n", name, bytes, perUser, million / GB,
				100 * million / (10 * GB), 100 * million / (2 * GB));
	}

	/** GET /home for every user, {@code concurrency} at a time. */
	static void fill(String core, String secret, String issuer, int users, long firstUser, int concurrency)
			throws InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		AtomicInteger done = new AtomicInteger();
		long started = System.nanoTime();
		for (long user = firstUser; user < firstUser + users; user++) {
			long id = user;
			pool.execute(() -> {
				int status;
				try {
					HttpRequest request = HttpRequest.newBuilder(URI.create(core + "/home"))
						.timeout(Duration.ofSeconds(30))
						.header("Authorization", "Bearer " + token(secret, issuer, id))
						.GET()
						.build();
					status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (IOException ex) {
					status = -1;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				statuses.computeIfAbsent(status, (key) -> new AtomicInteger()).incrementAndGet();
				int count = done.incrementAndGet();
				if (count % 2000 == 0) {
					System.out.printf("  %,d homes filled (%.0f/s)%n", count,
							count / ((System.nanoTime() - started) / 1e9));
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(2, TimeUnit.HOURS);
		System.out.printf("filled %,d homes in %.0f s, answers by status: %s%n", done.get(),
				(System.nanoTime() - started) / 1e9, new TreeMap<>(statuses));
	}

	/**
	 * The layout before sections were shared: per home a hash with {@code gen} and one
	 * field per section holding {@code {"stored_at": ..., "widgets": [...]}}, with the
	 * home's TTL.
	 */
	static int writeBaseline(Resp redis, int users, long firstUser, Map<String, String> widgetsByDigest)
			throws IOException {
		int written = 0;
		List<List<String>> batch = new ArrayList<>();
		for (long user = firstUser; user < firstUser + users; user++) {
			@SuppressWarnings("unchecked")
			List<Object> fields = (List<Object>) redis.call("HGETALL", "sdui:home_page:v1:{user:" + user + "}");
			List<String> hset = new ArrayList<>(List.of("HSET", "sdui:home_page:v0:{user:" + user + "}", "gen", "0"));
			for (int i = 0; i + 1 < fields.size(); i += 2) {
				String field = text(fields.get(i));
				String ref = text(fields.get(i + 1));
				int colon = ref.indexOf(':');
				if ("gen".equals(field) || colon < 0) {
					continue;
				}
				String widgets = widgetsByDigest.get(ref.substring(colon + 1));
				if (widgets == null) {
					continue;
				}
				String storedAt = Instant.ofEpochMilli(Long.parseLong(ref.substring(0, colon))).toString();
				hset.add(field);
				hset.add("{\"stored_at\":\"" + storedAt + "\",\"widgets\":" + widgets + "}");
			}
			if (hset.size() > 4) {
				batch.add(hset);
				batch.add(List.of("PEXPIRE", hset.get(1), String.valueOf(Duration.ofMinutes(125).toMillis())));
				written++;
			}
			if (batch.size() >= 1000) {
				redis.pipeline(batch);
				batch.clear();
			}
		}
		redis.pipeline(batch);
		return written;
	}

	static List<List<String>> baselineKeys(int users, long firstUser) {
		List<List<String>> unlink = new ArrayList<>();
		for (long user = firstUser; user < firstUser + users; user++) {
			unlink.add(List.of("UNLINK", "sdui:home_page:v0:{user:" + user + "}"));
		}
		return unlink;
	}

	static Map<String, byte[]> blobs(Resp redis) throws IOException {
		Map<String, byte[]> blobs = new TreeMap<>();
		for (String key : keys(redis, "sdui:section:v1:*")) {
			blobs.put(key, (byte[]) redis.call("GET", key));
		}
		return blobs;
	}

	/** A blob is 'J' + JSON or 'Z' + deflated JSON (SectionBlobs). */
	static String decode(byte[] blob) {
		if (blob[0] != 'Z') {
			return new String(blob, 1, blob.length - 1, StandardCharsets.UTF_8);
		}
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(blob, 1, blob.length - 1);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && inflater.needsInput()) {
					throw new IllegalStateException("truncated blob");
				}
				out.write(buffer, 0, count);
			}
			return out.toString(StandardCharsets.UTF_8);
		}
		catch (java.util.zip.DataFormatException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			inflater.end();
		}
	}

	static long count(Resp redis, String pattern) throws IOException {
		return keys(redis, pattern).stream().filter((key) -> !key.endsWith(":lock")).count();
	}

	static List<String> keys(Resp redis, String pattern) throws IOException {
		List<String> keys = new ArrayList<>();
		String cursor = "0";
		do {
			@SuppressWarnings("unchecked")
			List<Object> reply = (List<Object>) redis.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
			cursor = text(reply.get(0));
			@SuppressWarnings("unchecked")
			List<Object> page = (List<Object>) reply.get(1);
			page.forEach((key) -> keys.add(text(key)));
		}
		while (!"0".equals(cursor));
		return keys;
	}

	static long usedMemory(Resp redis) throws IOException {
		return info(redis, "memory").get("used_memory");
	}

	static Map<String, Long> info(Resp redis, String section) throws IOException {
		Map<String, Long> values = new HashMap<>();
		for (String line : text(redis.call("INFO", section)).split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				try {
					values.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
				}
				catch (NumberFormatException ex) {
					// not a number
				}
			}
		}
		return values;
	}

	static String text(Object reply) {
		return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
	}

	/** An HS256 user token as the identity provider (or the local platform) issues it. */
	static String token(String secret, String issuer, long userId) {
		try {
			long now = Instant.now().getEpochSecond();
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
			String claims = base64.encodeToString(
					("{\"sub\":\"%d\",\"iss\":\"%s\",\"aud\":\"home-widgets\",\"iat\":%d,\"exp\":%d}")
						.formatted(userId, issuer, now, now + 3600)
						.getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
			return header + "." + claims + "." + base64.encodeToString(signature);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Just enough RESP2 for this measurement: commands out, replies parsed. */
	static final class Resp implements AutoCloseable {

		private final Socket socket;

		private final OutputStream out;

		private final InputStream in;

		Resp(int port) throws IOException {
			this.socket = new Socket("127.0.0.1", port);
			this.out = this.socket.getOutputStream();
			this.in = new BufferedInputStream(this.socket.getInputStream(), 1 << 16);
		}

		Object call(String... command) throws IOException {
			write(List.of(command));
			this.out.flush();
			return read();
		}

		/** Sends commands back to back, then reads every reply; fails on an error reply. */
		void pipeline(List<List<String>> commands) throws IOException {
			for (List<String> command : commands) {
				write(command);
			}
			this.out.flush();
			for (int i = 0; i < commands.size(); i++) {
				read();
			}
		}

		private void write(List<String> command) throws IOException {
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			buffer.write(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
			for (String argument : command) {
				byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
				buffer.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
				buffer.write(bytes);
				buffer.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			buffer.writeTo(this.out);
		}

		private Object read() throws IOException {
			int type = this.in.read();
			String line = line();
			switch (type) {
				case '+':
					return line;
				case '-':
					throw new IOException("Redis: " + line);
				case ':':
					return Long.parseLong(line);
				case '$': {
					int length = Integer.parseInt(line);
					if (length < 0) {
						return null;
					}
					byte[] bytes = this.in.readNBytes(length);
					line();
					return bytes;
				}
				case '*': {
					int count = Integer.parseInt(line);
					List<Object> items = new ArrayList<>();
					for (int i = 0; i < count; i++) {
						items.add(read());
					}
					return items;
				}
				default:
					throw new IOException("unexpected reply type " + (char) type);
			}
		}

		private String line() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != '\r') {
				if (b < 0) {
					throw new IOException("connection closed");
				}
				line.write(b);
			}
			this.in.read();
			return line.toString(StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
