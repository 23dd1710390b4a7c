package de.check24.homewidgets.load.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * Readers of the home page, anonymous and signed in: each visit revalidates the home with
 * the ETag the app kept ({@code If-None-Match}); a share of visits is by users nobody has
 * seen, whose first home misses every cache. After the steady load, a burst of concurrent
 * requests. The spec's figures are the assertions: P95 under 50 ms for hits and under 300
 * ms for misses, the burst without a single error.
 */
public class HomeReaders extends Simulation {

	static final String HIT = "home (hit)";

	static final String MISS = "home (miss)";

	static final String BURST = "home (burst)";

	static final String WARM_UP = "home (warm-up)";

	/** Warm-up visits per second. */
	private static final int WARM_UP_RATE = 20;

	private final Clients clients = Clients.current();

	{
		Duration duration = this.clients.settings.duration();
		PopulationBuilder steady = readers(this.clients, duration);
		List<PopulationBuilder> after = new ArrayList<>(List.of(steady));
		PopulationBuilder cold = coldReaders(this.clients, duration);
		if (cold != null) {
			after.add(cold);
		}
		if (this.clients.settings.burst() > 0) {
			steady = steady.andThen(scenario("burst").feed(this.clients.warmReaders())
				.exec(home(this.clients, BURST, true))
				.injectOpen(atOnceUsers(this.clients.settings.burst())));
			after.set(0, steady);
		}
		setUp(warmUp(this.clients).andThen(after)).protocols(this.clients.protocol())
			.assertions(details(HIT).responseTime().percentile(95.0).lt(50),
					details(MISS).responseTime().percentile(95.0).lt(300),
					details(BURST).failedRequests().count().is(0L), global().failedRequests().count().is(0L))
			.maxDuration(duration.plusMinutes(5));
	}

	@Override
	public void after() {
		Clients.finish();
	}

	/** Every warm reader's home once, so their later visits are hits. */
	static PopulationBuilder warmUp(Clients clients) {
		int users = Math.max(1, clients.settings.warmUsers());
		return scenario("warm-up").feed(clients.warmUpUsers())
			.exec(home(clients, WARM_UP, false))
			.injectOpen(constantUsersPerSec(WARM_UP_RATE).during(Math.max(1, users / WARM_UP_RATE)));
	}

	/** Visits of known users (and anonymous ones): revalidations, the cache hits. */
	static PopulationBuilder readers(Clients clients, Duration duration) {
		double rate = clients.settings.readersPerSecond() * (1 - clients.settings.coldShare());
		ScenarioBuilder readers = scenario("readers").feed(clients.warmReaders())
			.exitHereIf((session) -> clients.settings.stopRequested())
			.repeat(clients.settings.readsPerVisit())
			.on(exec(home(clients, HIT, true)).pause(Duration.ofMillis(500), Duration.ofMillis(2000)));
		return readers.injectOpen(constantUsersPerSec(rate).during(duration));
	}

	/** Visits of users nobody has seen: the first home misses, the next one hits. */
	static PopulationBuilder coldReaders(Clients clients, Duration duration) {
		double rate = clients.settings.readersPerSecond() * clients.settings.coldShare();
		if (rate <= 0) {
			return null;
		}
		return scenario("cold readers").feed(clients.coldReaders())
			.exitHereIf((session) -> clients.settings.stopRequested())
			.exec(home(clients, MISS, false))
			.pause(Duration.ofSeconds(1))
			.exec(home(clients, HIT, true))
			.injectOpen(constantUsersPerSec(rate).during(duration));
	}

	/**
	 * One {@code GET /home}, signed in or not, and the ETag kept.
	 * @param revalidate whether to send the kept ETag as {@code If-None-Match}
	 */
	static ChainBuilder home(Clients clients, String name, boolean revalidate) {
		HttpRequestActionBuilder signedIn = http(name).get("/home").header("Authorization", "Bearer #{token}");
		HttpRequestActionBuilder anonymous = http(name).get("/home");
		if (revalidate) {
			signedIn = signedIn.header("If-None-Match", clients::etagOf);
			anonymous = anonymous.header("If-None-Match", clients::etagOf);
		}
		return exec(doIfOrElseSignedIn(clients.call(name, "GET", (session) -> "/home", signedIn, 200, 304),
				clients.call(name, "GET", (session) -> "/home", anonymous, 200, 304)))
			.exec(clients::keepEtag);
	}

	static ChainBuilder doIfOrElseSignedIn(ChainBuilder signedIn, ChainBuilder anonymous) {
		return doIfOrElse(Clients::signedIn).then(signedIn).orElse(anonymous);
	}

}
