package de.check24.homewidgets.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A trace backend for tests: an OTLP/HTTP receiver on a free port that keeps every span
 * the core and the product services export, so a test can follow one trace across
 * processes and across Kafka. One per test JVM.
 */
public final class OtlpReceiver {

	private static OtlpReceiver shared;

	private final HttpServer server;

	private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/v1/traces", this::receive);
		this.server.start();
	}

	public static synchronized OtlpReceiver shared() {
		if (shared == null) {
			shared = new OtlpReceiver();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "otlp-receiver"));
		}
		return shared;
	}

	/**
	 * What services set as {@code OTEL_EXPORTER_OTLP_ENDPOINT}.
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public List<ExportedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * The spans of one trace.
	 * @param traceId the trace
	 * @return its spans in arrival order
	 */
	public List<ExportedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(body) : body;
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = attribute(resource.getResource().getAttributesList(), "service.name").orElse("?");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					scope.getSpansList()
						.forEach((span) -> this.spans.add(new ExportedSpan(service,
								hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
								hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name())));
				}
			}
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
		finally {
			exchange.close();
		}
	}

	private static Optional<String> attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst();
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * One span as exported.
	 *
	 * @param service the exporting service's {@code service.name}
	 * @param traceId hex
	 * @param spanId hex
	 * @param parentSpanId hex, empty for a root span
	 * @param name the span's name
	 * @param kind SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL
	 */
	public record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			String kind) {

	}

}
