package de.check24.homewidgets.load.simulation;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import de.check24.homewidgets.load.Fact;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

/**
 * Screens that show the home and hold {@code /stream/updates} open (signed-in ones
 * through a ticket, every fifth one anonymous) and refetch the home, revalidating with
 * its ETag, whenever a {@code cache_invalidated} event arrives. The signed-in screens
 * belong to the first buyers of the {@link Buyers} scenario, whose purchases they hear
 * of. Standalone, the simulation runs buyers too, so the screens have something to hear.
 */
public class LiveScreens extends Simulation {

	static final String STREAM = "screenStream";

	private final Clients clients = Clients.current();

	{
		Duration duration = this.clients.settings.duration();
		setUp(population(this.clients, duration), Buyers.population(this.clients, duration))
			.protocols(this.clients.protocol())
			.assertions(global().failedRequests().count().is(0L),
					details("screen: open stream").successfulRequests().percent().is(100.0))
			.maxDuration(duration.plusMinutes(2));
	}

	@Override
	public void after() {
		Clients.finish();
	}

	static PopulationBuilder population(Clients clients, Duration duration) {
		int screens = Math.max(1, clients.settings.screens());
		return scenario("live screens").feed(clients.screenUsers())
			.exec((session) -> session.set("until", System.currentTimeMillis() + duration.toMillis()))
			.exec(doIfOrElse(Clients::signedIn).then(Buyers.openStream(clients, "screen", STREAM))
				.orElse(exec(sse("screen: open stream").sseName(STREAM)
					.get("/stream/updates")
					.await(Duration.ofSeconds(10))
					.on(sse.checkMessage("connected").check(regex("connected"))))
					.exec((session) -> session.set("streamOpen", !session.isFailed()))))
			.exitHereIf((session) -> !session.getBoolean("streamOpen"))
			.exec(refetch(clients))
			.exec(asLongAs((session) -> System.currentTimeMillis() < session.getLong("until")
					&& !clients.settings.stopRequested())
				.on(pause(Duration.ofSeconds(1)).exec(sse.processUnmatchedMessages(STREAM, (messages, session) -> {
					List<JsonNode> invalidations = Clients.invalidations(messages);
					long user = session.getLong(Clients.USER);
					if (user != 0L) {
						for (JsonNode event : invalidations) {
							clients.journal.record(Fact.streamEvent(System.currentTimeMillis(), user,
									event.path("reason").asText(null), event.path("service").asText(null)));
						}
					}
					return session.set("refetch", !invalidations.isEmpty());
				})).exec(doIf("#{refetch}").then(refetch(clients)))))
			.exec(sse("screen: close stream").sseName(STREAM).close())
			.injectOpen(rampUsers(screens).during(Duration.ofSeconds(Math.min(10, screens))));
	}

	/** The home again, revalidated with the ETag the screen holds. */
	private static ChainBuilder refetch(Clients clients) {
		HttpRequestActionBuilder signedIn = http("screen: home").get("/home")
			.header("Authorization", "Bearer #{token}")
			.header("If-None-Match", clients::etagOf);
		HttpRequestActionBuilder anonymous = http("screen: home").get("/home").header("If-None-Match", clients::etagOf);
		return exec(HomeReaders.doIfOrElseSignedIn(
				clients.call("screen: home", "GET", (session) -> "/home", signedIn, 200, 304),
				clients.call("screen: home", "GET", (session) -> "/home", anonymous, 200, 304)))
			.exec(clients::keepEtag);
	}

}
