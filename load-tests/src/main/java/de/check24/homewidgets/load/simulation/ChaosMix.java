package de.check24.homewidgets.load.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The three simulations' clients at once, as the chaos run drives them while it stops and
 * starts parts of the platform: readers (hits and misses), buyers and live screens. It
 * asserts nothing on latency (a stopped Redis makes every read a miss, by design); the
 * chaos run judges the journal instead. It ends when the chaos run creates the stop file,
 * or after {@code load.duration}.
 */
public class ChaosMix extends Simulation {

	/** Time for the clients under way to finish once the stop file appeared. */
	private static final Duration DRAIN = Duration.ofSeconds(15);

	private final Clients clients = Clients.current();

	{
		Duration duration = this.clients.settings.duration();
		List<PopulationBuilder> population = new ArrayList<>(List.of(HomeReaders.readers(this.clients, duration),
				Buyers.population(this.clients, duration), LiveScreens.population(this.clients, duration),
				scenario("chaos clock")
					.exec(asLongAs((session) -> !this.clients.settings.stopRequested())
						.on(pause(Duration.ofSeconds(1))))
					.pause(DRAIN)
					.exec(stopLoadGenerator())
					.injectOpen(atOnceUsers(1))));
		PopulationBuilder cold = HomeReaders.coldReaders(this.clients, duration);
		if (cold != null) {
			population.add(cold);
		}
		setUp(HomeReaders.warmUp(this.clients).andThen(population)).protocols(this.clients.protocol())
			.maxDuration(duration.plusMinutes(1));
	}

	private static ChainBuilder stopLoadGenerator() {
		return exec((session) -> session).stopLoadGeneratorIf("the chaos schedule is done", (session) -> true);
	}

	@Override
	public void after() {
		Clients.finish();
	}

}
