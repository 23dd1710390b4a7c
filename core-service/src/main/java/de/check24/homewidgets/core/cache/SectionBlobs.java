package de.check24.homewidgets.core.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.products.HomeWidget;

import org.springframework.context.event.EventListener;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * Section contents, stored once however many homes show them: a section's widgets live
 * under the digest of their JSON ({@code sdui:section:v1:{digest}}), and a home only
 * refers to it. The generic offers every user without a personal offer sees are one blob
 * for all of them, which is what keeps Redis small per user. Blobs are immutable, so each
 * replica also keeps the decoded widgets of the blobs it saw in memory; large blobs are
 * deflated.
 * <p>
 * A blob outlives every home that refers to it: it is written with the home key's TTL
 * plus a margin and written again (refreshing that TTL) whenever a home refers to it and
 * this replica has not written it for a while. A blob that is gone anyway (evicted under
 * memory pressure) makes its section read as missing, which refetches it.
 */
class SectionBlobs {

	private static final Logger logger = LoggerFactory.getLogger(SectionBlobs.class);

	private static final TypeReference<List<HomeWidget>> WIDGETS = new TypeReference<>() {
	};

	/**
	 * Blobs at least this large are deflated; below it the header costs more than it
	 * saves.
	 */
	private static final int DEFLATE_FROM_BYTES = 256;

	private static final byte PLAIN = 'J';

	private static final byte DEFLATED = 'Z';

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);

	private final RedisTemplate<String, byte[]> redis;

	private final RedisGuard guard;

	private final ObjectMapper objectMapper;

	private final Clock clock;

	private final Duration blobTtl;

	private final Duration rewriteAfter;

	private final Cache<String, List<HomeWidget>> decoded;

	private final Cache<String, Instant> written = Caffeine.newBuilder().maximumSize(100_000).build();

	SectionBlobs(RedisTemplate<String, byte[]> redis, RedisGuard guard, ObjectMapper objectMapper, Clock clock,
			Duration homeTtl, long memoryBytes) {
		this.redis = redis;
		this.guard = guard;
		this.objectMapper = objectMapper;
		this.clock = clock;
		this.blobTtl = homeTtl.plus(Duration.ofHours(1));
		this.rewriteAfter = Duration.ofMinutes(10);
		this.decoded = Caffeine.newBuilder()
			.maximumWeight(memoryBytes)
			.weigher((String digest, List<HomeWidget> widgets) -> 256 + widgets.size() * 512)
			.build();
	}

	/**
	 * Stores sections' widgets, each once.
	 * @param sections the widgets of each section to store
	 * @return the digest each list is stored under, in the same order
	 */
	List<String> store(List<List<HomeWidget>> sections) {
		Blobs blobs = blobs(sections);
		if (!blobs.toWrite().isEmpty()) {
			Boolean stored = this.guard.call("store sections", () -> {
				List<RedisFuture<String>> writes = send(blobs.toWrite());
				if (!LettuceFutures.awaitAll(WRITE_TIMEOUT, writes.toArray(new RedisFuture<?>[0]))) {
					throw new QueryTimeoutException(
							"Redis did not store " + blobs.toWrite().size() + " section(s) in time");
				}
				return true;
			}, false);
			if (Boolean.TRUE.equals(stored)) {
				blobs.written(this.written);
			}
		}
		return blobs.digests();
	}

	/**
	 * Stores sections' widgets, each once, without waiting for Redis's answer (see
	 * {@link HomeStore#storeBehind}).
	 * @param sections the widgets of each section to store
	 * @return the digest each list is stored under, in the same order
	 */
	List<String> storeBehind(List<List<HomeWidget>> sections) {
		Blobs blobs = blobs(sections);
		if (!blobs.toWrite().isEmpty()) {
			this.guard.send("store sections", () -> {
				List<RedisFuture<String>> writes = send(blobs.toWrite());
				return CompletableFuture
					.allOf(writes.stream().map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new))
					.thenRun(() -> blobs.written(this.written));
			});
		}
		return blobs.digests();
	}

	private Blobs blobs(List<List<HomeWidget>> sections) {
		List<String> digests = new ArrayList<>(sections.size());
		Map<String, byte[]> toWrite = new HashMap<>();
		Instant now = this.clock.instant();
		for (List<HomeWidget> widgets : sections) {
			byte[] json = json(widgets);
			String digest = digest(json);
			digests.add(digest);
			this.decoded.put(digest, widgets);
			Instant last = this.written.getIfPresent(digest);
			if (last == null || last.plus(this.rewriteAfter).isBefore(now)) {
				toWrite.put(HomeKeys.section(digest), encode(json));
			}
		}
		return new Blobs(digests, toWrite, now);
	}

	// every blob in one round trip on the cache's shared connection (single node or
	// cluster; the commands' own timeout bounds each), where one SET after the other cost
	// a round trip per section on every cold home
	private List<RedisFuture<String>> send(Map<String, byte[]> blobs) {
		return this.redis.execute((RedisCallback<List<RedisFuture<String>>>) (connection) -> {
			RedisStringAsyncCommands<byte[], byte[]> commands = asyncCommands(connection.getNativeConnection());
			SetArgs expiry = SetArgs.Builder.px(this.blobTtl.toMillis());
			List<RedisFuture<String>> writes = new ArrayList<>(blobs.size());
			blobs.forEach((key, blob) -> writes.add(commands.set(key.getBytes(StandardCharsets.UTF_8), blob, expiry)));
			return writes;
		});
	}

	@SuppressWarnings("unchecked")
	private static RedisStringAsyncCommands<byte[], byte[]> asyncCommands(Object nativeConnection) {
		return (RedisStringAsyncCommands<byte[], byte[]>) nativeConnection;
	}

	/**
	 * The widgets stored under some digests: from this replica's memory, else from Redis
	 * in one round trip.
	 * @param digests the digests
	 * @return the widgets by digest; a digest whose blob is gone is missing
	 */
	Map<String, List<HomeWidget>> load(Collection<String> digests) {
		Map<String, List<HomeWidget>> found = new HashMap<>();
		Set<String> missing = new LinkedHashSet<>();
		for (String digest : digests) {
			List<HomeWidget> widgets = this.decoded.getIfPresent(digest);
			if (widgets != null) {
				found.put(digest, widgets);
			}
			else {
				missing.add(digest);
			}
		}
		if (!missing.isEmpty()) {
			List<String> keys = missing.stream().map(HomeKeys::section).toList();
			List<byte[]> blobs = this.guard.call("read sections", () -> this.redis.opsForValue().multiGet(keys), null);
			if (blobs != null) {
				int i = 0;
				for (String digest : missing) {
					byte[] blob = blobs.get(i++);
					if (blob == null) {
						// gone (evicted, Redis restarted): whoever stores it next writes
						// it again
						this.written.invalidate(digest);
					}
					else {
						List<HomeWidget> widgets = decode(digest, blob);
						if (widgets != null) {
							this.decoded.put(digest, widgets);
							found.put(digest, widgets);
						}
					}
				}
			}
		}
		return found;
	}

	/**
	 * Redis may have lost blobs this replica wrote (it restarted, or failed over without
	 * them), so they are written again when next stored.
	 * @param event this replica subscribed again after losing Redis
	 */
	@EventListener
	void on(InvalidationsMissed event) {
		this.written.invalidateAll();
	}

	private byte[] json(List<HomeWidget> widgets) {
		try {
			return this.objectMapper.writeValueAsBytes(widgets);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<HomeWidget> decode(String digest, byte[] blob) {
		try {
			byte[] json = (blob.length > 0 && blob[0] == DEFLATED) ? inflate(blob)
					: Arrays.copyOfRange(blob, 1, blob.length);
			return this.objectMapper.readValue(json, WIDGETS);
		}
		catch (IOException | DataFormatException | RuntimeException ex) {
			logger.warn("Ignoring unreadable cached section {}: {}", digest, ex.toString());
			return null;
		}
	}

	static String digest(byte[] json) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(json);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] encode(byte[] json) {
		if (json.length < DEFLATE_FROM_BYTES) {
			byte[] plain = new byte[json.length + 1];
			plain[0] = PLAIN;
			System.arraycopy(json, 0, plain, 1, json.length);
			return plain;
		}
		Deflater deflater = new Deflater(Deflater.BEST_SPEED);
		try {
			deflater.setInput(json);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 2 + 16);
			out.write(DEFLATED);
			byte[] buffer = new byte[4096];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	static byte[] inflate(byte[] blob) throws DataFormatException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(blob, 1, blob.length - 1);
			ByteArrayOutputStream out = new ByteArrayOutputStream(blob.length * 4);
			byte[] buffer = new byte[4096];
			while (!inflater.finished()) {
				int count = inflater.inflate(buffer);
				if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new DataFormatException("truncated section blob");
				}
				out.write(buffer, 0, count);
			}
			return out.toByteArray();
		}
		finally {
			inflater.end();
		}
	}

	/**
	 * Sections about to be stored: their digests, the blobs Redis needs (new, or not
	 * written for a while), and when.
	 */
	private record Blobs(List<String> digests, Map<String, byte[]> toWrite, Instant at) {

		void written(Cache<String, Instant> written) {
			this.toWrite.keySet().forEach((key) -> written.put(HomeKeys.digestOf(key), this.at));
		}

	}

}
