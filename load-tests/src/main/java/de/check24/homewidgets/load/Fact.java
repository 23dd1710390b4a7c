package de.check24.homewidgets.load;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the {@link Journal}: something a simulated client did or saw.
 *
 * @param kind {@link #REQUEST}, {@link #ACKNOWLEDGED}, {@link #STREAM_EVENT},
 * {@link #STREAM_ENDED} or {@link #REFETCHED}
 * @param time when, epoch milliseconds
 * @param name the request's name in the Gatling report (requests); may be {@code null}
 * @param status the HTTP status, 0 when no answer arrived (requests)
 * @param millis the response time (requests)
 * @param outcome the {@link Outcome} label (requests); may be {@code null}
 * @param servedBy the core replica that answered ({@code X-Served-By}); may be
 * {@code null}
 * @param user the user id; {@code null} for anonymous clients
 * @param operation {@code purchase} or {@code cancel} (acknowledged contract calls)
 * @param product the product key; may be {@code null}
 * @param widget the offer's widget id; may be {@code null}
 * @param contractId the product's contract id (acknowledged contract calls)
 * @param reason the invalidation's reason (stream events); may be {@code null}
 * @param present whether the offer was in its section (refetches)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(String kind, long time, String name, Integer status, Long millis, String outcome, String servedBy,
		Long user, String operation, String product, String widget, Long contractId, String reason, Boolean present) {

	public static final String REQUEST = "request";

	public static final String ACKNOWLEDGED = "acknowledged";

	public static final String STREAM_EVENT = "stream_event";

	public static final String STREAM_ENDED = "stream_ended";

	public static final String REFETCHED = "refetched";

	public static final String PURCHASE = "purchase";

	public static final String CANCEL = "cancel";

	public static Fact request(long time, String name, int status, long millis, Outcome outcome, String servedBy,
			Long user) {
		return new Fact(REQUEST, time, name, status, millis, outcome.label(), servedBy, user, null, null, null, null,
				null, null);
	}

	public static Fact acknowledged(long time, String operation, long user, String product, String widget,
			long contractId, String servedBy) {
		return new Fact(ACKNOWLEDGED, time, null, null, null, null, servedBy, user, operation, product, widget,
				contractId, null, null);
	}

	public static Fact streamEvent(long time, long user, String reason, String product) {
		return new Fact(STREAM_EVENT, time, null, null, null, null, null, user, null, product, null, null, reason,
				null);
	}

	public static Fact streamEnded(long time, long user) {
		return new Fact(STREAM_ENDED, time, null, null, null, null, null, user, null, null, null, null, null, null);
	}

	public static Fact refetched(long time, long user, String product, String widget, boolean present) {
		return new Fact(REFETCHED, time, null, null, null, null, null, user, null, product, widget, null, null,
				present);
	}

	public boolean is(String kind) {
		return this.kind.equals(kind);
	}

}
