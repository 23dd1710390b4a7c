package de.check24.homewidgets.product.widget;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.sdui.ComponentType;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetAction;
import de.check24.homewidgets.sdui.WidgetData;
import de.check24.homewidgets.sdui.WidgetJson;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A widget as seeded by the product's migrations. Read-only for the service. */
@Entity
@Immutable
@Table(name = "widgets")
class StoredWidget {

	private static final ObjectMapper json = WidgetJson.newMapper();

	@Id
	@Column(name = "widget_id")
	private String widgetId;

	/** {@code null} for a generic offer. */
	@Column(name = "user_id")
	private Integer userId;

	@Column(name = "component_type")
	private String componentType;

	private int priority;

	@JdbcTypeCode(SqlTypes.JSON)
	private String data;

	@JdbcTypeCode(SqlTypes.JSON)
	private String action;

	protected StoredWidget() {
	}

	String widgetId() {
		return this.widgetId;
	}

	boolean isOfferedTo(long user) {
		return this.userId == null || this.userId == user;
	}

	Widget toWidget() {
		try {
			WidgetAction widgetAction = (this.action != null) ? json.readValue(this.action, WidgetAction.class) : null;
			return new Widget(this.widgetId, ComponentType.fromWireName(this.componentType), this.priority,
					json.readValue(this.data, WidgetData.class), widgetAction, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Stored widget " + this.widgetId + " is not valid contract JSON", ex);
		}
	}

}
