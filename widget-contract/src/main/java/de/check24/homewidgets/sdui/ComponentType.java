package de.check24.homewidgets.sdui;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The component types every client knows how to render. Clients skip types they do not
 * know, so the list may grow before all clients do.
 */
public enum ComponentType {

	CARD("Card"), INFO_BOX("InfoBox"), PRODUCT_GRID("ProductGrid"), SECTION_HEADER("SectionHeader");

	private final String wireName;

	ComponentType(String wireName) {
		this.wireName = wireName;
	}

	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	@JsonCreator
	public static ComponentType fromWireName(String wireName) {
		for (ComponentType type : values()) {
			if (type.wireName.equals(wireName)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown component_type '" + wireName + "'");
	}

}
