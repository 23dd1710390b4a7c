package de.check24.homewidgets.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * How big a load run is and where it goes. Every value is a system property
 * ({@code -Dload.<name>}) with a default scaled for the 2-core development machine that
 * runs the whole platform besides the load generator; the platform's addresses follow its
 * own {@code PLATFORM_*} variables.
 *
 * @param coreUrl the public core URL, the load balancer with several replicas
 * ({@code load.coreUrl}, else {@code http://127.0.0.1:$PLATFORM_CORE_PORT})
 * @param jwtSecret the platform's {@code HOME_JWT_SECRET}: from the environment, else
 * from {@code $PLATFORM_HOME/secrets.env}, which the local platform writes at start
 * @param journal where the clients' facts go ({@code load.journal}); {@code null} keeps
 * none
 * @param userBase the first user id of this run ({@code load.userBase}); every run takes
 * fresh users so earlier runs' contracts do not get in the way
 * @param warmUsers signed-in readers whose homes are warmed first, the "hits"
 * ({@code load.warmUsers}, 300)
 * @param readersPerSecond reader visits started per second
 * ({@code load.readersPerSecond}, 15)
 * @param coldShare the share of visits by users never seen before, the "misses"
 * ({@code load.coldShare}, 0.1)
 * @param anonymousShare the share of visits without a token ({@code load.anonymousShare},
 * 0.2)
 * @param readsPerVisit how often a visit revalidates its home with {@code If-None-Match}
 * ({@code load.readsPerVisit}, 3)
 * @param buyersPerSecond buyers started per second ({@code load.buyersPerSecond}, 0.5)
 * @param keepShare the share of buyers who keep their contract ({@code load.keepShare},
 * 0.25)
 * @param screens live screens holding an update stream ({@code load.screens}, 20)
 * @param duration how long the steady load lasts ({@code load.duration}, 60 s)
 * @param burst concurrent requests of the "1000 concurrent" check ({@code load.burst},
 * 1000; 0 skips it)
 * @param addresses distinct synthetic client addresses ({@code load.addresses}, 500)
 * @param streamWait how long a buyer waits for its invalidation on the stream
 * ({@code load.streamWait}, 10 s)
 * @param stopFile the chaos run creates it to end the load early ({@code load.stopFile});
 * may be {@code null}
 */
public record LoadSettings(String coreUrl, String jwtSecret, Path journal, long userBase, int warmUsers,
		double readersPerSecond, double coldShare, double anonymousShare, int readsPerVisit, double buyersPerSecond,
		double keepShare, int screens, Duration duration, int burst, int addresses, Duration streamWait,
		Path stopFile) {

	/** User ids of one run: warm readers, cold readers, buyers in blocks of this size. */
	public static final long USERS_PER_KIND = 100_000;

	public LoadSettings {
		if (!coreUrl.startsWith("http://127.0.0.1:") && !coreUrl.startsWith("http://localhost:")) {
			throw new IllegalArgumentException("Load runs target this machine only (127.0.0.1), not " + coreUrl);
		}
		if (duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("A load run lasts at most an hour, not " + duration);
		}
	}

	public static LoadSettings fromSystem() {
		return from(System.getProperties(), System.getenv());
	}

	static LoadSettings from(Properties properties, Map<String, String> environment) {
		String corePort = environment.getOrDefault("PLATFORM_CORE_PORT", "8000");
		String coreUrl = properties.getProperty("load.coreUrl", "http://127.0.0.1:" + corePort);
		String journal = properties.getProperty("load.journal");
		String stopFile = properties.getProperty("load.stopFile");
		String secret = properties.getProperty("load.jwtSecret");
		return new LoadSettings(coreUrl, (secret != null) ? secret : secret(environment),
				(journal != null) ? Path.of(journal) : null,
				Long.parseLong(properties.getProperty("load.userBase", String.valueOf(defaultUserBase()))),
				integer(properties, "load.warmUsers", 300), decimal(properties, "load.readersPerSecond", 15),
				decimal(properties, "load.coldShare", 0.1), decimal(properties, "load.anonymousShare", 0.2),
				integer(properties, "load.readsPerVisit", 3), decimal(properties, "load.buyersPerSecond", 0.5),
				decimal(properties, "load.keepShare", 0.25), integer(properties, "load.screens", 20),
				Duration.ofSeconds(integer(properties, "load.duration", 60)), integer(properties, "load.burst", 1000),
				integer(properties, "load.addresses", 500),
				Duration.ofSeconds(integer(properties, "load.streamWait", 10)),
				(stopFile != null) ? Path.of(stopFile) : null);
	}

	/**
	 * Fresh users per run: ids from 10 000 000 up, moving on by 300 000 every minute and
	 * staying below 2^31 (product databases keep user ids as integers).
	 */
	public static long defaultUserBase() {
		long minute = System.currentTimeMillis() / 60_000;
		return 10_000_000 + (minute % 7_000) * 3 * USERS_PER_KIND;
	}

	public long warmUser(int index) {
		return this.userBase + index;
	}

	public long coldUser(long index) {
		return this.userBase + USERS_PER_KIND + index;
	}

	public long buyer(long index) {
		return this.userBase + 2 * USERS_PER_KIND + index;
	}

	/** Whether a user id belongs to this run's buyers. */
	public boolean isBuyer(long userId) {
		return userId >= buyer(0) && userId < buyer(USERS_PER_KIND);
	}

	/** Whether the chaos run asked the load to end. */
	public boolean stopRequested() {
		return this.stopFile != null && Files.exists(this.stopFile);
	}

	private static String secret(Map<String, String> environment) {
		String secret = environment.get("HOME_JWT_SECRET");
		if (secret != null && !secret.isBlank()) {
			return secret;
		}
		Path file = Path.of(environment.getOrDefault("PLATFORM_HOME", ".local-platform")).resolve("secrets.env");
		if (!Files.exists(file)) {
			return null;
		}
		try {
			Properties secrets = new Properties();
			try (var in = Files.newBufferedReader(file)) {
				secrets.load(in);
			}
			return secrets.getProperty("HOME_JWT_SECRET");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static int integer(Properties properties, String name, int fallback) {
		return Integer.parseInt(properties.getProperty(name, String.valueOf(fallback)).trim());
	}

	private static double decimal(Properties properties, String name, double fallback) {
		return Double.parseDouble(properties.getProperty(name, String.valueOf(fallback)).trim());
	}

	@Override
	public String toString() {
		// never print the secret
		return "LoadSettings[" + this.coreUrl + ", users from " + this.userBase + ", " + this.warmUsers
				+ " warm readers, " + this.readersPerSecond + " visits/s, " + this.buyersPerSecond + " buyers/s, "
				+ this.screens + " screens, " + this.duration.toSeconds() + " s, burst " + this.burst + "]";
	}

}
