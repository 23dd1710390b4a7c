package de.check24.homewidgets.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.gatling.app.Gatling$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.load.ClientAddresses;
import de.check24.homewidgets.load.Fact;
import de.check24.homewidgets.load.HomeDocument;
import de.check24.homewidgets.load.Journal;
import de.check24.homewidgets.load.LoadSettings;
import de.check24.homewidgets.load.Outcome;
import de.check24.homewidgets.load.UserTokens;
import de.check24.homewidgets.load.simulation.ChaosMix;

/**
 * The chaos scenario: runs the readers, buyers and live screens ({@link ChaosMix})
 * against a local platform with two core replicas and, while they run, stops and restarts
 * in turn Redis, Kafka, one product service, core-1 and all products at once. Then it
 * checks and prints, per fault: requests, designed degradations, undesigned errors, lost
 * contracts, lost invalidations and the recovery time; exits 1 unless there were no
 * undesigned errors, no lost contracts and no lost invalidations.
 * <p>
 * {@code ChaosRun [--short] [--docs docs/resilience.md]}: the platform answering on
 * {@code PLATFORM_ADMIN_PORT} is used; without one, it starts
 * {@code local-platform/target/local-platform.jar --replicas 2 --clean} itself (on the
 * {@code PLATFORM_*} ports) and stops it at the end.
 */
public final class ChaosRun {

	private static final Logger logger = LoggerFactory.getLogger(ChaosRun.class);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Mode mode;

	private final PlatformAddresses addresses;

	private final Path runDirectory;

	private ChaosRun(Mode mode, PlatformAddresses addresses, Path runDirectory) {
		this.mode = mode;
		this.addresses = addresses;
		this.runDirectory = runDirectory;
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		Mode mode = options.contains("--short") ? Mode.SHORT : Mode.LONG;
		int docs = options.indexOf("--docs");
		Path docsFile = (docs >= 0 && docs + 1 < options.size()) ? Path.of(options.get(docs + 1)) : null;
		Result result = run(mode, System.getenv(), Path.of("").toAbsolutePath(), docsFile);
		System.exit(result.passed() ? 0 : 1);
	}

	/**
	 * Runs the chaos scenario.
	 * @param mode long (minutes) or short (seconds per fault)
	 * @param environment the {@code PLATFORM_*} variables, maybe {@code HOME_JWT_SECRET}
	 * @param repositoryRoot the checkout whose built jars run
	 * @param docsFile where to write the resilience report; {@code null} for none
	 * @return the verdict
	 */
	public static Result run(Mode mode, Map<String, String> environment, Path repositoryRoot, Path docsFile)
			throws Exception {
		PlatformAddresses addresses = PlatformAddresses.from(environment);
		String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
		Path runDirectory = repositoryRoot.resolve("load-tests/target/chaos/" + stamp);
		Files.createDirectories(runDirectory);
		return new ChaosRun(mode, addresses, runDirectory).run(environment, repositoryRoot, docsFile);
	}

	private Result run(Map<String, String> environment, Path repositoryRoot, Path docsFile) throws Exception {
		String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
		PlatformControl platform = PlatformControl.running(this.addresses);
		String secret = environment.get("HOME_JWT_SECRET");
		if (!platform.ready()) {
			Map<String, String> platformEnvironment = new HashMap<>(environment);
			if (secret == null || secret.isBlank()) {
				byte[] random = new byte[48];
				new SecureRandom().nextBytes(random);
				secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				platformEnvironment.put("HOME_JWT_SECRET", secret);
			}
			platform = PlatformControl.start(this.addresses, repositoryRoot, platformEnvironment,
					this.runDirectory.resolve("platform.log"), Duration.ofMinutes(6));
		}
		else if (secret == null || secret.isBlank()) {
			secret = secretOfRunningPlatform();
		}
		try (PlatformControl started = platform) {
			return drive(started, secret, loadBefore, docsFile);
		}
	}

	private Result drive(PlatformControl platform, String secret, String loadBefore, Path docsFile) throws Exception {
		Path journalFile = this.runDirectory.resolve("journal.jsonl");
		Path stopFile = this.runDirectory.resolve("stop");
		long userBase = LoadSettings.defaultUserBase();
		this.mode.load().forEach(System::setProperty);
		System.setProperty("load.coreUrl", this.addresses.coreUrl());
		System.setProperty("load.journal", journalFile.toString());
		System.setProperty("load.stopFile", stopFile.toString());
		System.setProperty("load.userBase", Long.toString(userBase));
		// the simulation signs its users with the same secret; in this JVM only
		System.setProperty("load.jwtSecret", secret);
		LoadSettings settings = LoadSettings.fromSystem();
		UserTokens tokens = new UserTokens(secret);
		logger.info("Chaos run ({}) in {}: {}", this.mode.name().toLowerCase(java.util.Locale.ROOT), this.runDirectory,
				settings);

		AtomicInteger gatlingStatus = new AtomicInteger(-1);
		Thread gatling = new Thread(
				() -> gatlingStatus.set(Gatling$.MODULE$.fromArgs(new String[] { "-s", ChaosMix.class.getName(), "-rf",
						this.runDirectory.resolve("gatling").toString(), "-rd", "chaos run" })),
				"gatling");
		long start = System.currentTimeMillis();
		gatling.start();
		// Gatling takes a while to start on a busy machine; the faults begin once the
		// warm-up is done and the steady
		// load ran for the baseline
		for (long deadline = System.currentTimeMillis() + 300_000; System.currentTimeMillis() < deadline
				&& lines(journalFile) < settings.warmUsers();) {
			TimeUnit.SECONDS.sleep(1);
		}
		TimeUnit.MILLISECONDS.sleep(this.mode.baseline().toMillis());

		RecoveryProbe probe = new RecoveryProbe(this.addresses, tokens,
				settings.coldUser(LoadSettings.USERS_PER_KIND / 2));
		List<FaultWindow> windows = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		try {
			for (String fault : List.of("redis", "kafka", this.addresses.productKeys().get(0), "core-1", "products")) {
				long stoppedAt = System.currentTimeMillis();
				platform.act("stop", fault);
				TimeUnit.MILLISECONDS.sleep(this.mode.down().toMillis());
				platform.act("start", fault);
				long restartedAt = System.currentTimeMillis();
				long recoveredAt = probe.awaitFresh(restartedAt, fault.equals("redis"), this.mode.recoveryTimeout());
				logger.info("{}: down {} s, recovery {}", fault, (restartedAt - stoppedAt) / 1000,
						(recoveredAt < 0) ? "none within " + this.mode.recoveryTimeout().toSeconds() + " s"
								: (recoveredAt - restartedAt) + " ms");
				if (!windows.isEmpty()) {
					FaultWindow previous = windows.remove(windows.size() - 1);
					windows.add(previous.endingAt(stoppedAt));
				}
				windows.add(new FaultWindow(fault, stoppedAt, restartedAt, recoveredAt, Long.MAX_VALUE));
				TimeUnit.MILLISECONDS.sleep(this.mode.settle().toMillis());
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the platform could not be driven: the run fails, but the load still stops
			failures.add("the platform could not be driven: " + ex);
			logger.error("The platform could not be driven", ex);
		}
		finally {
			Files.createFile(stopFile);
			gatling.join(Duration.ofMinutes(3).toMillis());
		}
		long end = System.currentTimeMillis();
		if (!windows.isEmpty()) {
			FaultWindow last = windows.remove(windows.size() - 1);
			windows.add(last.endingAt(end));
		}
		String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();

		List<Fact> facts = Journal.read(journalFile);
		Verdict verdict = new Verdict(facts, windows);
		Map<String, Fact> lastChanges = verdict.lastAcknowledgements();
		verdict.checkFinalHomes(finalHomes(lastChanges, tokens, Duration.ofSeconds(60)));
		verdict.checkStreams(windows.stream().filter((window) -> window.name().startsWith("core-")).toList(),
				settings.streamWait());
		ContractLedger ledger = new ContractLedger(this.addresses);
		Set<String> expectedEvents = expectedEvents(facts);
		Set<String> events = Set.of();
		for (long deadline = System.currentTimeMillis() + 90_000; System.currentTimeMillis() < deadline;) {
			events = ledger.events(Duration.ofSeconds(20));
			if (events.containsAll(expectedEvents)) {
				break;
			}
			TimeUnit.SECONDS.sleep(3);
		}
		Map<String, Set<Long>> contracts = new HashMap<>();
		for (String product : this.addresses.productKeys()) {
			contracts.put(product,
					ledger.contracts(product, settings.buyer(0), settings.buyer(LoadSettings.USERS_PER_KIND)));
		}
		verdict.checkContracts(contracts, events);

		List<String> findings = new ArrayList<>(failures);
		findings.addAll(verdict.findings());
		if (windows.stream().anyMatch((window) -> !window.recovered())) {
			findings.add("a fault did not recover within " + this.mode.recoveryTimeout().toSeconds() + " s");
		}
		Result result = new Result(verdict.passed() && findings.size() == verdict.findings().size(), verdict.rows(),
				findings, undesignedErrors(facts), gatlingStatus.get(), start, end, loadBefore, loadAfter, facts);
		String report = report(result, settings);
		System.out.println(report);
		Files.writeString(this.runDirectory.resolve("summary.md"), report);
		LatencyChart.write(facts, windows, start, end, "Chaos run ("
				+ this.mode.name().toLowerCase(java.util.Locale.ROOT) + "), " + Instant.ofEpochMilli(start),
				this.runDirectory.resolve("latency.png"));
		if (docsFile != null) {
			Path chart = docsFile.resolveSibling("resilience-latency.png");
			Files.copy(this.runDirectory.resolve("latency.png"), chart,
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(docsFile,
					ResilienceReport.markdown(result, settings, this.mode, report, chart.getFileName().toString()));
		}
		logger.info("Gatling report and journal in {}", this.runDirectory);
		return result;
	}

	private static long lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return 0;
		}
		try (var lines = Files.lines(file)) {
			return lines.count();
		}
	}

	/** What each replica shows each buyer for the offer they last bought or cancelled. */
	private Map<String, Boolean[]> finalHomes(Map<String, Fact> lastChanges, UserTokens tokens, Duration timeout)
			throws InterruptedException {
		Map<String, Boolean[]> shown = new HashMap<>();
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		do {
			boolean consistent = true;
			for (Fact last : lastChanges.values()) {
				String key = last.user() + "/" + last.widget();
				boolean expected = last.operation().equals(Fact.CANCEL);
				Boolean[] replicas = shown.computeIfAbsent(key, (ignored) -> new Boolean[2]);
				for (int replica = 0; replica < 2; replica++) {
					if (replicas[replica] == null || replicas[replica] != expected) {
						replicas[replica] = shows(replica, last, tokens);
						consistent &= replicas[replica] != null && replicas[replica] == expected;
					}
				}
			}
			if (consistent) {
				break;
			}
			TimeUnit.SECONDS.sleep(2);
		}
		while (System.currentTimeMillis() < deadline);
		return shown;
	}

	private Boolean shows(int replica, Fact last, UserTokens tokens) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.addresses.replicaUrl(replica) + "/home"))
			.header("Authorization", "Bearer " + tokens.forUser(last.user()))
			.header("X-Forwarded-For", ClientAddresses.at(502 + replica))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			HomeDocument home = HomeDocument.parse(response.body()).orElse(null);
			return (response.statusCode() == 200 && home != null && !home.hasFallback()) ? home.shows(last.widget())
					: null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static Set<String> expectedEvents(List<Fact> facts) {
		Set<String> expected = new HashSet<>();
		for (Fact fact : facts) {
			if (fact.is(Fact.ACKNOWLEDGED)) {
				expected.add(ContractLedger.key(fact.product(),
						fact.operation().equals(Fact.PURCHASE) ? "contract_created" : "contract_deleted",
						fact.contractId()));
			}
		}
		return expected;
	}

	/** Undesigned errors by request name, status and replica, most frequent first. */
	private static Map<String, Long> undesignedErrors(List<Fact> facts) {
		Map<String, Long> counts = new TreeMap<>();
		for (Fact fact : facts) {
			if (fact.is(Fact.REQUEST)
					&& Outcome.valueOf(fact.outcome().toUpperCase(java.util.Locale.ROOT)).undesigned()) {
				counts.merge(fact.name() + " -> " + ((fact.status() == 0) ? "no answer" : fact.status()) + " via "
						+ ((fact.servedBy() != null) ? fact.servedBy() : "load balancer"), 1L, Long::sum);
			}
		}
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
	}

	private String secretOfRunningPlatform() {
		String secret = LoadSettings.fromSystem().jwtSecret();
		if (secret == null) {
			throw new IllegalStateException("A platform is running, but its HOME_JWT_SECRET is unknown: set it, or let "
					+ "the platform write " + this.addresses.home().resolve("secrets.env"));
		}
		return secret;
	}

	static String report(Result result, LoadSettings settings) {
		StringBuilder text = new StringBuilder();
		text.append(String.format("%n%-18s %9s %10s %11s %9s %13s %13s %12s%n", "fault", "requests", "designed",
				"undesigned", "acked", "lost", "lost", "recovery"));
		text.append(String.format("%-18s %9s %10s %11s %9s %13s %13s %12s%n", "", "", "degraded", "errors", "changes",
				"contracts", "invalidations", ""));
		for (Verdict.Row row : result.rows()) {
			String recovery = (row.window == null) ? "-"
					: row.window.recovered() ? String.format("%.1f s", row.window.recoveryMillis() / 1000.0) : "none";
			text.append(String.format("%-18s %9d %10d %11d %9d %13d %13d %12s%n", row.name, row.requests, row.degraded,
					row.undesigned, row.acknowledged, row.lostContracts, row.lostInvalidations, recovery));
		}
		long refetched = result.rows().stream().mapToLong((row) -> row.deliveredByRefetch).sum();
		long rateLimited = result.rows().stream().mapToLong((row) -> row.rateLimited).sum();
		long clientErrors = result.rows().stream().mapToLong((row) -> row.clientErrors).sum();
		text.append(String.format("%nchanges seen through the refetch after a replica stop cut the stream: %d%n",
				refetched));
		text.append(String.format("429 (the load test over a rate limit): %d; other 4xx: %d; Gatling exit status: %d%n",
				rateLimited, clientErrors, result.gatlingStatus()));
		if (!result.undesignedErrors().isEmpty()) {
			text.append("\nundesigned errors:\n");
			result.undesignedErrors().forEach((what, count) -> text.append(String.format("  %6d  %s%n", count, what)));
		}
		if (!result.findings().isEmpty()) {
			text.append("\nfindings:\n");
			result.findings().stream().limit(40).forEach((finding) -> text.append("  ").append(finding).append('\n'));
			if (result.findings().size() > 40) {
				text.append("  ... and ").append(result.findings().size() - 40).append(" more\n");
			}
		}
		text.append(String.format("%nmachine load (1/5/15 min) before: %s, after: %s%n", result.loadBefore(),
				result.loadAfter()));
		text.append(result.passed() ? "PASSED: no undesigned errors, no lost contracts, no lost invalidations\n"
				: "FAILED: see the table and findings above\n");
		return text.toString();
	}

	/** How long each part of the run lasts and how much load it makes. */
	public enum Mode {

		/** Minutes: each fault lasts half a minute; the documented run. */
		LONG(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(150),
				Map.of("load.warmUsers", "150", "load.readersPerSecond", "6", "load.buyersPerSecond", "0.5",
						"load.screens", "20", "load.duration", "2400")),

		/** Seconds per fault, for CI. */
		SHORT(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(120),
				Map.of("load.warmUsers", "40", "load.readersPerSecond", "3", "load.buyersPerSecond", "0.5",
						"load.screens", "6", "load.duration", "900"));

		private final Duration baseline;

		private final Duration down;

		private final Duration settle;

		private final Duration recoveryTimeout;

		private final Map<String, String> load;

		Mode(Duration baseline, Duration down, Duration settle, Duration recoveryTimeout, Map<String, String> load) {
			this.baseline = baseline;
			this.down = down;
			this.settle = settle;
			this.recoveryTimeout = recoveryTimeout;
			this.load = load;
		}

		Duration baseline() {
			return this.baseline;
		}

		Duration down() {
			return this.down;
		}

		Duration settle() {
			return this.settle;
		}

		Duration recoveryTimeout() {
			return this.recoveryTimeout;
		}

		/** Load settings the run uses unless a system property sets them. */
		Map<String, String> load() {
			Map<String, String> load = new HashMap<>();
			this.load.forEach((name, value) -> load.put(name, System.getProperty(name, value)));
			return load;
		}

	}

	/**
	 * A chaos run's verdict.
	 *
	 * @param passed no undesigned errors, lost contracts or lost invalidations
	 * @param rows per fault and outside faults
	 * @param findings every lost contract and invalidation
	 * @param undesignedErrors counts by request, status and replica
	 * @param gatlingStatus Gatling's exit status
	 * @param start when the load started, epoch ms
	 * @param end when it ended
	 * @param loadBefore the machine's load average before
	 * @param loadAfter and after
	 * @param facts the journal
	 */
	public record Result(boolean passed, List<Verdict.Row> rows, List<String> findings,
			Map<String, Long> undesignedErrors, int gatlingStatus, long start, long end, String loadBefore,
			String loadAfter, List<Fact> facts) {

	}

}
