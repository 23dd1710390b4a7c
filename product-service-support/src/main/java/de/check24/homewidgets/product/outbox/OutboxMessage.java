package de.check24.homewidgets.product.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One event waiting for, or already taken by, the broker. */
@Entity
@Table(name = "outbox")
class OutboxMessage {

	private static final int MAX_ERROR_LENGTH = 1000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String topic;

	@Column(name = "message_key")
	private String messageKey;

	@JdbcTypeCode(SqlTypes.JSON)
	private String payload;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "published_at")
	private Instant publishedAt;

	private int attempts;

	@Column(name = "last_error")
	private String lastError;

	protected OutboxMessage() {
	}

	OutboxMessage(String topic, String messageKey, String payload, Instant createdAt) {
		this.topic = topic;
		this.messageKey = messageKey;
		this.payload = payload;
		this.createdAt = createdAt;
	}

	Long id() {
		return this.id;
	}

	String topic() {
		return this.topic;
	}

	String messageKey() {
		return this.messageKey;
	}

	String payload() {
		return this.payload;
	}

	static String truncatedError(String error) {
		return (error != null && error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
	}

}
