package de.check24.homewidgets.observability;

import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Gives every JSON log line {@code trace_id} and {@code span_id} (null outside a trace)
 * under the names the platform's log queries use, instead of Micrometer's MDC keys.
 * Services name it in {@code logging.structured.json.customizer}.
 */
public class TraceFieldsOnEveryLine implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {

	@Override
	public void customize(JsonWriter.Members<ILoggingEvent> members) {
		members.add("trace_id", (event) -> mdc(event, "traceId"));
		members.add("span_id", (event) -> mdc(event, "spanId"));
	}

	private static String mdc(ILoggingEvent event, String key) {
		Map<String, String> mdc = event.getMDCPropertyMap();
		return (mdc != null) ? mdc.get(key) : null;
	}

}
