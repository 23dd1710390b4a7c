package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the contract, for code that has no Spring-managed mapper.
 */
public final class WidgetJson {

	private WidgetJson() {
	}

	/**
	 * A new mapper that writes ISO-8601 timestamps and ignores fields it does not know
	 * (the contract may grow).
	 * @return a configured mapper
	 */
	public static ObjectMapper newMapper() {
		return new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

}
