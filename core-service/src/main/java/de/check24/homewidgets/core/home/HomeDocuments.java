package de.check24.homewidgets.core.home;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.check24.homewidgets.core.viewer.Viewer;

/**
 * The home page as a JSON tree, for APIs other than {@code GET /home} that serve parts of
 * it (GraphQL). It comes from exactly the same pages: this replica's memory, Redis, the
 * products behind their breakers, so no API is a way around the cache.
 */
public class HomeDocuments {

	private final HomePages pages;

	private final ObjectMapper objectMapper;

	HomeDocuments(HomePages pages, ObjectMapper objectMapper) {
		this.pages = pages;
		this.objectMapper = objectMapper;
	}

	/**
	 * The viewer's home page.
	 * @param viewer whose home
	 * @return the page as {@code GET /home} would answer it, with its HTTP status
	 */
	public Document forViewer(Viewer viewer) {
		RenderedPage page = this.pages.page(viewer);
		try {
			return new Document(this.objectMapper.readTree(page.body()), page.status());
		}
		catch (IOException ex) {
			throw new IllegalStateException("A rendered home page is not JSON", ex);
		}
	}

	/**
	 * @param home the contract's {@code HomeResponse}
	 * @param status 200, or 503 when no product could be served
	 */
	public record Document(JsonNode home, int status) {

	}

}
