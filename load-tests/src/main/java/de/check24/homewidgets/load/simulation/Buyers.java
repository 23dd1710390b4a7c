package de.check24.homewidgets.load.simulation;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.http.action.sse.SseInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import de.check24.homewidgets.load.Fact;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;

/**
 * Buyers, each a new signed-in user with the app open: reads the home, opens the update
 * stream with a ticket, buys the first offer of one product through the core, waits for
 * the invalidation on the stream, sees the offer leave the section, and (most of them)
 * cancels, waits again and sees the offer back. Every acknowledged purchase and
 * cancellation, every invalidation heard and every refetched home goes to the journal,
 * which the chaos run checks against the product databases, Kafka and both replicas.
 */
public class Buyers extends Simulation {

	static final String STREAM = "buyerStream";

	private final Clients clients = Clients.current();

	{
		Duration duration = this.clients.settings.duration();
		setUp(population(this.clients, duration)).protocols(this.clients.protocol())
			.assertions(global().failedRequests().count().is(0L),
					details("buyer: purchase").successfulRequests().percent().is(100.0))
			.maxDuration(duration.plusMinutes(2));
	}

	@Override
	public void after() {
		Clients.finish();
	}

	static PopulationBuilder population(Clients clients, Duration duration) {
		return scenario("buyers").feed(clients.buyers())
			.exitHereIf((session) -> clients.settings.stopRequested())
			.exec(clients.call("buyer: home", "GET", (session) -> "/home",
					http("buyer: home").get("/home").header("Authorization", "Bearer #{token}"), 200))
			.exec(Buyers::chooseOffer)
			// the product is down (its fallback card shows): nothing to buy now
			.exitHereIf((session) -> !session.contains("widget"))
			.exec(openStream(clients, "buyer", STREAM))
			.exitHereIf((session) -> !session.getBoolean("streamOpen"))
			.exec(clients.call("buyer: purchase", "POST", (session) -> contractPath(session),
					http("buyer: purchase").post("/widget/#{product}/contract")
						.header("Authorization", "Bearer #{token}")
						.body(StringBody("{\"user_id\":#{userId},\"widget_id\":\"#{widget}\"}"))
						.asJson(),
					201))
			.exec((session) -> acknowledge(clients, session, Fact.PURCHASE, 201))
			.doIf("#{acknowledged}")
			.then(exec(awaitInvalidation(clients, "contract_created"))
				.exec(refetch(clients, "buyer: home after purchase"))
				.doIf((session) -> !session.getBoolean("keep"))
				.then(exec(clients.call("buyer: cancel", "DELETE", (session) -> contractPath(session),
						http("buyer: cancel").delete("/widget/#{product}/contract/#{userId}/#{widget}")
							.header("Authorization", "Bearer #{token}"),
						200))
					.exec((session) -> acknowledge(clients, session, Fact.CANCEL, 200))
					.doIf("#{acknowledged}")
					.then(exec(awaitInvalidation(clients, "contract_deleted"))
						.exec(refetch(clients, "buyer: home after cancel")))))
			.exec(sse("buyer: close stream").sseName(STREAM).close())
			.injectOpen(constantUsersPerSec(clients.settings.buyersPerSecond()).during(duration));
	}

	/**
	 * Asks for a ticket and opens the stream with it; {@code streamOpen} tells whether
	 * the {@code connected} event arrived.
	 */
	static ChainBuilder openStream(Clients clients, String who, String streamName) {
		return exec(clients.call(who + ": stream ticket", "POST", (session) -> "/stream/ticket",
				http(who + ": stream ticket").post("/stream/ticket").header("Authorization", "Bearer #{token}"), 200))
			.exec((session) -> {
				JsonNode ticket = Clients.body(session);
				return session.set("ticket", ticket.path("ticket").asText("")).set("streamOpen", false);
			})
			.doIf((session) -> !session.getString("ticket").isEmpty())
			.then(exec(sse(who + ": open stream").sseName(streamName)
				.get("/stream/updates?ticket=#{ticket}")
				.await(Duration.ofSeconds(10))
				.on(sse.checkMessage("connected").check(regex("connected"))))
				.exec((session) -> session.set("streamOpen", !session.isFailed())));
	}

	private static Session chooseOffer(Session session) {
		return Clients.home(session)
			.flatMap((home) -> home.offerOf(session.getString("product")))
			.map((widget) -> session.set("widget", widget))
			.orElseGet(() -> session.remove("widget"));
	}

	private static String contractPath(Session session) {
		return "/widget/" + session.getString("product") + "/contract";
	}

	private static Session acknowledge(Clients clients, Session session, String operation, int created) {
		boolean acknowledged = session.contains("status") && session.getInt("status") == created;
		if (acknowledged) {
			long contractId = Clients.body(session).path("contract_id").asLong(-1);
			clients.journal.record(Fact.acknowledged(System.currentTimeMillis(), operation,
					session.getLong(Clients.USER), session.getString("product"), session.getString("widget"),
					contractId, session.getString("servedBy")));
		}
		return session.set("acknowledged", acknowledged);
	}

	/**
	 * Polls the stream's unmatched messages until this user's invalidation for the reason
	 * arrived or the wait is over. Every invalidation heard is journalled.
	 */
	static ChainBuilder awaitInvalidation(Clients clients, String reason) {
		int polls = (int) Math.max(1, clients.settings.streamWait().toMillis() / 250);
		return exec((session) -> session.set("heard", false).set("polls", 0))
			.asLongAs((session) -> !session.getBoolean("heard") && session.getInt("polls") < polls)
			.on(pause(Duration.ofMillis(250))
				.exec(sse.processUnmatchedMessages(STREAM,
						(messages, session) -> heard(clients, messages, session, reason)))
				.exec((session) -> session.set("polls", session.getInt("polls") + 1)));
	}

	static Session heard(Clients clients, List<SseInboundMessage> messages, Session session, String reason) {
		long user = session.getLong(Clients.USER);
		boolean heard = session.contains("heard") && session.getBoolean("heard");
		for (int i = 0; i < messages.size(); i++) {
			SseInboundMessage message = messages.get(i);
			JsonNode data = Clients.data(message.message());
			if (!"cache_invalidated".equals(data.path("type").asText())) {
				continue;
			}
			String eventReason = data.path("reason").asText(null);
			clients.journal
				.record(Fact.streamEvent(message.timestamp(), user, eventReason, data.path("service").asText(null)));
			heard |= reason.equals(eventReason) && data.path("user_id").asLong() == user;
		}
		return session.set("heard", heard);
	}

	/** Reads the home again and journals whether the offer is there. */
	private static ChainBuilder refetch(Clients clients, String name) {
		return exec(clients.call(name, "GET", (session) -> "/home",
				http(name).get("/home").header("Authorization", "Bearer #{token}"), 200))
			.exec((session) -> {
				boolean present = Clients.home(session)
					.map((home) -> home.shows(session.getString("widget")))
					.orElse(false);
				if (Clients.home(session).isPresent()) {
					clients.journal.record(Fact.refetched(System.currentTimeMillis(), session.getLong(Clients.USER),
							session.getString("product"), session.getString("widget"), present));
				}
				return session;
			});
	}

}
