package de.check24.homewidgets.product.outbox;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Carries a purchase's trace across the outbox: the W3C {@code traceparent} of the
 * transaction that wrote a message is stored with it, and the relay sends the message
 * inside a span of that trace, so the Kafka record's headers continue the purchase's
 * trace rather than start a new one.
 */
@Component
class OutboxTracing {

	static final String TRACE_PARENT = "traceparent";

	private final Tracer tracer;

	private final Propagator propagator;

	private final ObservationRegistry observations;

	OutboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			ObservationRegistry observations) {
		this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
		this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
		this.observations = observations;
	}

	/**
	 * The current trace as a {@code traceparent} header value.
	 * @return the value, {@code null} outside a trace
	 */
	@Nullable
	String currentTraceParent() {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier.get(TRACE_PARENT);
	}

	/**
	 * Continues a stored trace until the returned scope is closed: the relay receives the
	 * message from the outbox as a consumer would (a span in the stored trace), and the
	 * Kafka send inside that scope becomes its child.
	 * @param traceParent the stored {@code traceparent}, {@code null} for none
	 * @return the scope; closing it ends the span
	 */
	Relay continueTrace(@Nullable String traceParent) {
		ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
		context.setCarrier((traceParent != null) ? Map.of(TRACE_PARENT, traceParent) : Map.of());
		context.setRemoteServiceName("outbox");
		Observation observation = Observation.createNotStarted("product.outbox.relay", () -> context, this.observations)
			.contextualName("outbox relay")
			.start();
		Observation.Scope scope = observation.openScope();
		return () -> {
			scope.close();
			observation.stop();
		};
	}

	/** An observation in scope; closing never throws. */
	@FunctionalInterface
	interface Relay extends AutoCloseable {

		@Override
		void close();

	}

}
