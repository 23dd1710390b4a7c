package de.check24.homewidgets.core.home;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import de.check24.homewidgets.core.cache.Sections;
import de.check24.homewidgets.core.products.HomeWidget;

/**
 * Serialises a home page once, with a strong ETag over its bytes. The page's timestamp is
 * when its newest section was fetched, so replicas holding the same sections render the
 * same bytes and the same ETag.
 */
class HomeRenderer {

	private final ObjectMapper objectMapper;

	HomeRenderer(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	RenderedPage render(Sections sections) {
		Map<String, Section> services = new LinkedHashMap<>();
		List<String> order = new ArrayList<>();
		for (Sections.Section section : sections.sections()) {
			services.put(section.product().section(), new Section(section.product().title(), section.widgets()));
			order.add(section.product().section());
		}
		int status = sections.nothingServed() ? 503 : 200;
		try {
			byte[] body = this.objectMapper.writeValueAsBytes(
					new Home(services, order, sections.provisional(), sections.newest(), sections.cacheKey()));
			return new RenderedPage(body, etag(body), status, sections.keepable() ? sections.freshUntil() : null,
					sections.stale());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Home page could not be serialised", ex);
		}
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The contract's {@code HomeResponse}, holding widgets whose {@code data} is passed
	 * through as the products sent it.
	 *
	 * @param services sections keyed by section name
	 * @param sectionOrder the order clients render the sections in
	 * @param provisional whether this is the generic home served while the personal one
	 * is being built
	 * @param timestamp when the newest section was fetched
	 * @param cacheKey the Redis key of the home
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Home(Map<String, Section> services, List<String> sectionOrder, boolean provisional, Instant timestamp,
			String cacheKey) {

	}

	/**
	 * The contract's {@code ServiceSection}.
	 *
	 * @param title the section headline
	 * @param widgets ordered by priority
	 */
	record Section(String title, List<HomeWidget> widgets) {

	}

}
