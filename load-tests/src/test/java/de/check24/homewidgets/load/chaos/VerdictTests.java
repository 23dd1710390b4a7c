package de.check24.homewidgets.load.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.load.Fact;
import de.check24.homewidgets.load.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTests {

	private static final FaultWindow REDIS = new FaultWindow("redis", 1_000, 5_000, 6_000, 10_000);

	private static final FaultWindow CORE = new FaultWindow("core-1", 10_000, 40_000, 45_000, 60_000);

	private final List<Fact> facts = new ArrayList<>();

	@Test
	void countsRequestsPerFaultWindowAndTellsDesignedFromUndesigned() {
		request(500, Outcome.OK);
		request(2_000, Outcome.FALLBACK_SECTION);
		request(2_500, Outcome.DESIGNED_503);
		request(3_000, Outcome.UNDESIGNED_5XX);
		request(11_000, Outcome.CONNECTION_ERROR);

		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		assertThat(verdict.rows()).extracting((row) -> row.name).containsExactly("no fault", "redis", "core-1");
		assertThat(verdict.rows()).extracting((row) -> row.requests).containsExactly(1L, 3L, 1L);
		assertThat(verdict.rows()).extracting((row) -> row.degraded).containsExactly(0L, 2L, 0L);
		assertThat(verdict.rows()).extracting((row) -> row.undesigned).containsExactly(0L, 1L, 1L);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void passesWhenEveryChangeIsInTheDatabaseOnTheTopicOnTheStreamAndOnBothReplicas() {
		purchaseAndCancel();
		keptPurchase();
		this.facts.add(Fact.streamEvent(4_020, 102, "contract_created", "banking"));
		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		verdict.checkContracts(Map.of("banking", Set.of(8L)),
				Set.of("banking/contract_created/7", "banking/contract_deleted/7", "banking/contract_created/8"));
		verdict.checkStreams(List.of(CORE), Duration.ofSeconds(10));
		verdict.checkFinalHomes(
				Map.of("101/offer_a", new Boolean[] { true, true }, "102/offer_b", new Boolean[] { false, false }));

		assertThat(verdict.findings()).isEmpty();
		assertThat(verdict.passed()).isTrue();
		assertThat(verdict.rows().get(1).acknowledged).isEqualTo(3);
	}

	@Test
	void aPurchaseMissingFromTheDatabaseOrTheTopicIsALostContract() {
		purchaseAndCancel();
		keptPurchase();
		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		verdict.checkContracts(Map.of("banking", Set.of()),
				Set.of("banking/contract_created/7", "banking/contract_created/8"));

		assertThat(verdict.findings()).hasSize(2)
			.anyMatch((finding) -> finding.contains("contract 8") && finding.contains("not in the banking database"))
			.anyMatch((finding) -> finding.contains("contract 7") && finding.contains("no contract_deleted event"));
		assertThat(verdict.rows().get(1).lostContracts).isEqualTo(2);
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void aChangeThatNeverReachedTheOpenStreamIsALostInvalidation() {
		keptPurchase();
		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		verdict.checkStreams(List.of(CORE), Duration.ofSeconds(10));

		assertThat(verdict.findings()).singleElement().asString().contains("contract_created", "102");
		assertThat(verdict.passed()).isFalse();
	}

	@Test
	void whereAReplicaStopCutTheStreamTheHomeReadRightAfterMustShowTheChange() {
		this.facts.add(Fact.acknowledged(12_000, Fact.PURCHASE, 103, "banking", "offer_c", 9, "core-2"));
		this.facts.add(Fact.refetched(13_000, 103, "banking", "offer_c", false));
		this.facts.add(Fact.acknowledged(14_000, Fact.PURCHASE, 104, "banking", "offer_d", 10, "core-2"));
		this.facts.add(Fact.refetched(15_000, 104, "banking", "offer_d", true));
		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		verdict.checkStreams(List.of(CORE), Duration.ofSeconds(10));

		assertThat(verdict.rows().get(2).deliveredByRefetch).isEqualTo(1);
		assertThat(verdict.findings()).singleElement().asString().contains("offer_d", "replica stop");
	}

	@Test
	void aReplicaStillShowingABoughtOfferAfterRecoveryIsALostInvalidation() {
		keptPurchase();
		Verdict verdict = new Verdict(this.facts, List.of(REDIS, CORE));

		verdict.checkFinalHomes(Map.of("102/offer_b", new Boolean[] { false, true }));

		assertThat(verdict.findings()).singleElement().asString().contains("core-2", "still offer_b");
	}

	private void purchaseAndCancel() {
		this.facts.add(Fact.acknowledged(2_000, Fact.PURCHASE, 101, "banking", "offer_a", 7, "core-1"));
		this.facts.add(Fact.streamEvent(2_010, 101, "contract_created", "banking"));
		this.facts.add(Fact.acknowledged(3_000, Fact.CANCEL, 101, "banking", "offer_a", 7, "core-2"));
		this.facts.add(Fact.streamEvent(3_050, 101, "contract_deleted", "banking"));
	}

	private void keptPurchase() {
		this.facts.add(Fact.acknowledged(4_000, Fact.PURCHASE, 102, "banking", "offer_b", 8, "core-1"));
	}

	private void request(long time, Outcome outcome) {
		this.facts.add(Fact.request(time, "home (hit)", 200, 5, outcome, "core-1", 1L));
	}

}
