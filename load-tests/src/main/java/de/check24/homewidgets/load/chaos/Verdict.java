package de.check24.homewidgets.load.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.check24.homewidgets.load.Fact;
import de.check24.homewidgets.load.Outcome;

/**
 * Judges a chaos run from what the clients journalled, what the product databases and
 * Kafka hold, and what each replica shows every buyer at the end: undesigned errors, lost
 * contracts and lost invalidations, per fault window. Pure: it reads, it does not ask.
 */
final class Verdict {

	/** The row of everything outside a fault window. */
	static final String STEADY = "no fault";

	/**
	 * How far before an acknowledgement a replica stop can have cut the buyer's stream.
	 */
	private static final Duration STREAM_AGE = Duration.ofSeconds(60);

	private final List<Fact> facts;

	private final List<FaultWindow> windows;

	private final Map<String, Row> rows = new LinkedHashMap<>();

	private final List<String> findings = new ArrayList<>();

	/**
	 * @param facts the journal
	 * @param windows the faults, in order
	 */
	Verdict(List<Fact> facts, List<FaultWindow> windows) {
		this.facts = facts;
		this.windows = windows;
		this.rows.put(STEADY, new Row(STEADY, null));
		windows.forEach((window) -> this.rows.put(window.name(), new Row(window.name(), window)));
		for (Fact fact : facts) {
			if (fact.is(Fact.REQUEST)) {
				row(fact.time()).count(Outcome.valueOf(fact.outcome().toUpperCase(java.util.Locale.ROOT)));
			}
			else if (fact.is(Fact.ACKNOWLEDGED)) {
				row(fact.time()).acknowledged++;
			}
		}
	}

	/**
	 * Checks every acknowledged purchase and cancellation against the databases and the
	 * topics.
	 * @param contractsInDatabase contract ids per product key
	 * @param events Kafka events as {@link ContractLedger#key(String, String, long)}
	 */
	void checkContracts(Map<String, Set<Long>> contractsInDatabase, Set<String> events) {
		Set<String> cancelled = new HashSet<>();
		for (Fact ack : acknowledgements()) {
			if (ack.operation().equals(Fact.CANCEL)) {
				cancelled.add(ack.product() + "/" + ack.contractId());
			}
		}
		for (Fact ack : acknowledgements()) {
			boolean purchase = ack.operation().equals(Fact.PURCHASE);
			String contract = ack.product() + "/" + ack.contractId();
			boolean inDatabase = contractsInDatabase.getOrDefault(ack.product(), Set.of()).contains(ack.contractId());
			boolean expected = purchase && !cancelled.contains(contract);
			String type = purchase ? "contract_created" : "contract_deleted";
			boolean evented = events.contains(ContractLedger.key(ack.product(), type, ack.contractId()));
			if (inDatabase != expected && !(expected && unanswered(ack, "buyer: cancel"))) {
				lostContract(ack, expected ? "acknowledged, but not in the " + ack.product() + " database"
						: "cancelled, but still in the " + ack.product() + " database");
			}
			else if (!evented) {
				lostContract(ack, "no " + type + " event on the " + ack.product() + " topic");
			}
		}
	}

	/**
	 * Checks that every acknowledged change reached the buyer's open stream, or (where a
	 * core replica stop cut streams) the home the buyer read right after.
	 * @param replicaStops the core replicas' fault windows
	 * @param streamWait how long buyers waited for the event
	 */
	void checkStreams(List<FaultWindow> replicaStops, Duration streamWait) {
		Map<Long, Set<String>> heard = new HashMap<>();
		for (Fact fact : this.facts) {
			if (fact.is(Fact.STREAM_EVENT) && fact.reason() != null) {
				heard.computeIfAbsent(fact.user(), (user) -> new HashSet<>()).add(fact.reason());
			}
		}
		for (Fact ack : acknowledgements()) {
			boolean purchase = ack.operation().equals(Fact.PURCHASE);
			String reason = purchase ? "contract_created" : "contract_deleted";
			if (heard.getOrDefault(ack.user(), Set.of()).contains(reason)) {
				continue;
			}
			long from = ack.time() - STREAM_AGE.toMillis();
			long to = ack.time() + streamWait.toMillis() + 5_000;
			boolean cut = replicaStops.stream().anyMatch((stop) -> stop.stoppedAt() < to && stop.restartedAt() > from);
			if (cut && refetchShows(ack, !purchase)) {
				row(ack.time()).deliveredByRefetch++;
				continue;
			}
			lostInvalidation(ack, "no " + reason + " event reached user " + ack.user() + "'s open stream"
					+ (cut ? " and the home read after a replica stop did not show it" : ""));
		}
	}

	/**
	 * Checks what each replica shows every buyer at the end against the last change the
	 * platform acknowledged.
	 * @param shown per "user/widget", whether each replica's home shows the offer
	 * ({@code null} when the replica gave no home)
	 */
	void checkFinalHomes(Map<String, Boolean[]> shown) {
		for (Fact last : lastAcknowledgements().values()) {
			if (unanswered(last, "buyer: purchase") || unanswered(last, "buyer: cancel")) {
				continue; // a later call whose outcome nobody knows
			}
			boolean expected = last.operation().equals(Fact.CANCEL);
			Boolean[] replicas = shown.get(last.user() + "/" + last.widget());
			for (int replica = 0; replicas != null && replica < replicas.length; replica++) {
				if (replicas[replica] == null || replicas[replica] != expected) {
					lostInvalidation(last, "core-" + (replica + 1) + " shows user " + last.user()
							+ (expected ? " no " : " still ") + last.widget() + " after recovery");
				}
			}
		}
	}

	/** The last acknowledged change per user and offer: what the homes must show. */
	Map<String, Fact> lastAcknowledgements() {
		Map<String, Fact> last = new LinkedHashMap<>();
		for (Fact ack : acknowledgements()) {
			last.put(ack.user() + "/" + ack.widget(), ack);
		}
		return last;
	}

	List<Row> rows() {
		return List.copyOf(this.rows.values());
	}

	List<String> findings() {
		return List.copyOf(this.findings);
	}

	boolean passed() {
		return this.rows.values()
			.stream()
			.allMatch((row) -> row.undesigned == 0 && row.lostContracts == 0 && row.lostInvalidations == 0);
	}

	private List<Fact> acknowledgements() {
		return this.facts.stream().filter((fact) -> fact.is(Fact.ACKNOWLEDGED)).toList();
	}

	/**
	 * Whether the user made a call of this name after the acknowledgement that got no
	 * answer.
	 */
	private boolean unanswered(Fact ack, String name) {
		return this.facts.stream()
			.anyMatch((fact) -> fact.is(Fact.REQUEST) && name.equals(fact.name()) && ack.user().equals(fact.user())
					&& fact.time() >= ack.time() && fact.status() == 0);
	}

	private boolean refetchShows(Fact ack, boolean present) {
		return this.facts.stream()
			.filter((fact) -> fact.is(Fact.REFETCHED) && ack.user().equals(fact.user()) && fact.time() >= ack.time())
			.findFirst()
			.map((fact) -> fact.present() == present)
			.orElse(false);
	}

	private void lostContract(Fact ack, String why) {
		row(ack.time()).lostContracts++;
		this.findings.add("lost contract: " + ack.operation() + " of " + ack.widget() + " (contract " + ack.contractId()
				+ ") by user " + ack.user() + ": " + why);
	}

	private void lostInvalidation(Fact ack, String why) {
		row(ack.time()).lostInvalidations++;
		this.findings.add("lost invalidation: " + ack.operation() + " of " + ack.widget() + ": " + why);
	}

	private Row row(long time) {
		for (FaultWindow window : this.windows) {
			if (window.contains(time)) {
				return this.rows.get(window.name());
			}
		}
		return this.rows.get(STEADY);
	}

	/** One line of the report: a fault window, or the time outside all of them. */
	static final class Row {

		final String name;

		final FaultWindow window;

		long requests;

		long degraded;

		long undesigned;

		long rateLimited;

		long clientErrors;

		long acknowledged;

		long lostContracts;

		long lostInvalidations;

		long deliveredByRefetch;

		Row(String name, FaultWindow window) {
			this.name = name;
			this.window = window;
		}

		void count(Outcome outcome) {
			this.requests++;
			this.degraded += outcome.degraded() ? 1 : 0;
			this.undesigned += outcome.undesigned() ? 1 : 0;
			this.rateLimited += (outcome == Outcome.RATE_LIMITED) ? 1 : 0;
			this.clientErrors += (outcome == Outcome.CLIENT_ERROR) ? 1 : 0;
		}

	}

}
