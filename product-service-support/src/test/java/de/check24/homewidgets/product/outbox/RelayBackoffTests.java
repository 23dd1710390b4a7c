package de.check24.homewidgets.product.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayBackoffTests {

	private final RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(30));

	@Test
	void keepsTheIntervalWhileKafkaTakesMessages() {
		assertThat(this.backoff.after(false)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.backoff.isBackingOff()).isFalse();
	}

	@Test
	void doublesThePauseWithEachFailedPassUpToTheCeiling() {
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(4));
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(8));
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(16));
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(30));
		for (int pass = 0; pass < 100; pass++) {
			assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(30));
		}
		assertThat(this.backoff.isBackingOff()).isTrue();
	}

	@Test
	void returnsToTheIntervalAfterOneGoodPass() {
		this.backoff.after(true);
		this.backoff.after(true);

		assertThat(this.backoff.after(false)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.backoff.isBackingOff()).isFalse();
		assertThat(this.backoff.after(true)).isEqualTo(Duration.ofSeconds(1));
	}

}
