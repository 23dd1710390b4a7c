package de.check24.homewidgets.product.outbox;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface OutboxMessages extends Repository<OutboxMessage, Long> {

	OutboxMessage save(OutboxMessage message);

	/**
	 * Locks the oldest pending messages. Rows another instance's relay holds are skipped,
	 * so several instances never publish the same message concurrently.
	 * @param limit how many at most
	 * @return pending messages, oldest first
	 */
	@Query(value = "SELECT * FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
			nativeQuery = true)
	@Transactional(propagation = Propagation.MANDATORY)
	List<OutboxMessage> lockPending(int limit);

	@Modifying
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("UPDATE OutboxMessage m SET m.publishedAt = :at, m.attempts = m.attempts + 1, m.lastError = NULL WHERE m.id = :id")
	void markPublished(Long id, Instant at);

	@Modifying
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("UPDATE OutboxMessage m SET m.attempts = m.attempts + 1, m.lastError = :error WHERE m.id = :id")
	void markFailed(Long id, String error);

}
