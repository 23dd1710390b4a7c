package de.check24.homewidgets.core.products;

import java.net.http.HttpRequest;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A client span per product call, its context sent along as W3C {@code traceparent} so
 * the product continues the trace of the page it contributes to. The JDK HTTP client the
 * calls go through is not instrumented by Spring, so this is done here, once.
 */
final class ProductCallSpans {

	private final Tracer tracer;

	private final Propagator propagator;

	ProductCallSpans(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Starts a call's span, a child of whatever the calling thread is working on, and
	 * puts its context into the request.
	 * @param what e.g. {@code GET /widget/car-insurance}
	 * @param product the product called
	 * @param request the request being built
	 * @return the span, which the caller ends when the call is done
	 */
	Span start(String what, Product product, HttpRequest.Builder request) {
		Span.Builder builder = this.tracer.spanBuilder()
			.name(what)
			.kind(Span.Kind.CLIENT)
			.tag("product", product.key());
		Span parent = this.tracer.currentSpan();
		if (parent != null) {
			builder.setParent(parent.context());
		}
		Span span = builder.start();
		this.propagator.inject(span.context(), request, HttpRequest.Builder::header);
		return span;
	}

}
