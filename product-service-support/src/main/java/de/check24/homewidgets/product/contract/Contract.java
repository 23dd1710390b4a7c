package de.check24.homewidgets.product.contract;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An active contract; cancelling deletes it. */
@Entity
@Table(name = "contracts")
class Contract {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false)
	private long userId;

	@Column(name = "widget_id", nullable = false)
	private String widgetId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Contract() {
	}

	Contract(long userId, String widgetId, Instant createdAt) {
		this.userId = userId;
		this.widgetId = widgetId;
		this.createdAt = createdAt;
	}

	long id() {
		return this.id;
	}

	long userId() {
		return this.userId;
	}

	String widgetId() {
		return this.widgetId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
