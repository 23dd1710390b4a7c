package de.check24.homewidgets.product.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.lang.Nullable;

/** One event waiting for, taken by, or refused by the broker. */
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

	@Enumerated(EnumType.STRING)
	private Status status = Status.PENDING;

	private int attempts;

	@Column(name = "last_error")
	private String lastError;

	@Column(name = "trace_parent")
	private String traceParent;

	protected OutboxMessage() {
	}

	OutboxMessage(String topic, String messageKey, String payload, Instant createdAt, @Nullable String traceParent) {
		this.topic = topic;
		this.messageKey = messageKey;
		this.payload = payload;
		this.createdAt = createdAt;
		this.traceParent = traceParent;
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

	Instant createdAt() {
		return this.createdAt;
	}

	int attempts() {
		return this.attempts;
	}

	/**
	 * The W3C {@code traceparent} of the transaction that wrote this message.
	 * @return the header value, {@code null} when that request was not traced
	 */
	@Nullable
	String traceParent() {
		return this.traceParent;
	}

	static String truncatedError(String error) {
		return (error != null && error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
	}

	enum Status {

		/** Not yet acknowledged by Kafka. */
		PENDING,

		/** Acknowledged; purged after the retention period. */
		PUBLISHED,

		/** Will not be retried until an operator sets it back to {@code PENDING}. */
		PARKED

	}

}
