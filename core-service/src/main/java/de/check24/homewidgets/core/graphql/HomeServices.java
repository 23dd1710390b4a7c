package de.check24.homewidgets.core.graphql;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@code Services} field reads: a home page exactly as {@code GET /home} answers
 * it.
 *
 * @param home the contract's {@code HomeResponse}
 */
record HomeServices(JsonNode home) {

	/**
	 * One section.
	 * @param name its name, e.g. {@code car_insurance}
	 * @return the section, {@code null} when this home has none of that name
	 */
	Section section(String name) {
		JsonNode section = this.home.path("services").get(name);
		return (section != null) ? new Section(name, section) : null;
	}

	List<Section> sections() {
		List<Section> sections = new ArrayList<>();
		for (JsonNode name : this.home.path("section_order")) {
			Section section = section(name.asText());
			if (section != null) {
				sections.add(section);
			}
		}
		return sections;
	}

	boolean provisional() {
		return this.home.path("provisional").asBoolean();
	}

	/**
	 * What a {@code Section} field reads.
	 *
	 * @param name the section's name
	 * @param section the contract's {@code ServiceSection}
	 */
	record Section(String name, JsonNode section) {

		String title() {
			return this.section.path("title").asText();
		}

		List<JsonNode> widgets() {
			List<JsonNode> widgets = new ArrayList<>(this.section.path("widgets").size());
			this.section.path("widgets").forEach(widgets::add);
			return widgets;
		}

	}

}
