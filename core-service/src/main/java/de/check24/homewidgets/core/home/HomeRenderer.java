package de.check24.homewidgets.core.home;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import de.check24.homewidgets.contract.HomeResponse;
import de.check24.homewidgets.contract.ServiceSection;
import de.check24.homewidgets.contract.Widget;
import de.check24.homewidgets.core.cache.RenderedPage;
import de.check24.homewidgets.core.products.Product;

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

	RenderedPage render(String cacheKey, Map<Product, List<Widget>> sections, Instant timestamp, int status,
			Instant freshUntil, boolean stale) {
		Map<String, ServiceSection> services = new LinkedHashMap<>();
		sections.forEach(
				(product, widgets) -> services.put(product.section(), new ServiceSection(product.title(), widgets)));
		try {
			byte[] body = this.objectMapper.writeValueAsBytes(new HomeResponse(services, timestamp, cacheKey));
			return new RenderedPage(body, etag(body), status, freshUntil, stale);
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

}
