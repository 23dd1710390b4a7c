package de.check24.homewidgets.infrastructure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownSequenceTests {

	private final List<String> stopped = new ArrayList<>();

	@Test
	void stopsOwnersFirstThenServersNewestFirstThenRunsTheCleanUps() {
		ShutdownSequence sequence = new ShutdownSequence();
		sequence.pushServer(named("postgres"));
		sequence.then(() -> this.stopped.add("kafka temp directory"));
		sequence.pushServer(named("kafka"));
		sequence.pushServer(named("core-service"));
		sequence.pushOwner(named("local platform"));

		sequence.run();

		assertThat(this.stopped).containsExactly("local platform", "core-service", "kafka", "postgres",
				"kafka temp directory");
	}

	@Test
	void aServerStartedAgainStopsBeforeThoseStartedEarlier() {
		ShutdownSequence sequence = new ShutdownSequence();
		AutoCloseable redis = named("redis");
		sequence.pushServer(redis);
		sequence.pushServer(named("core-service"));
		sequence.pushServer(redis);

		sequence.run();

		assertThat(this.stopped).containsExactly("redis", "core-service");
	}

	@Test
	void aClosedServerIsNotStoppedAgainAndAFailureDoesNotStopTheRest() {
		ShutdownSequence sequence = new ShutdownSequence();
		AutoCloseable closed = named("closed");
		sequence.pushServer(named("postgres"));
		sequence.pushServer(new AutoCloseable() {

			@Override
			public void close() {
				throw new IllegalStateException("already gone");
			}

			@Override
			public String toString() {
				// the sequence logs it: a reader of the test log sees that this is on
				// purpose
				return "a server that fails to stop on purpose";
			}

		});
		sequence.pushServer(closed);
		sequence.forget(closed);

		sequence.run();

		assertThat(this.stopped).containsExactly("postgres");
	}

	@Test
	void aSharedServerStartsOnceOnFirstUse() {
		AtomicInteger starts = new AtomicInteger();
		SharedServer<AutoCloseable> shared = new SharedServer<>(() -> {
			starts.incrementAndGet();
			return named("shared");
		});
		assertThat(starts).hasValue(0);

		assertThat(shared.get()).isSameAs(shared.get());
		assertThat(starts).hasValue(1);
	}

	private AutoCloseable named(String name) {
		return () -> this.stopped.add(name);
	}

}
