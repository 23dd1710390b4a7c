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
	 * Makes this instance the only relay until the transaction ends. Several instances
	 * relaying at once would publish one user's messages out of order.
	 * @param lock the lock's id
	 * @return {@code false} while another instance relays
	 */
	@Query(value = "SELECT pg_try_advisory_xact_lock(:lock)", nativeQuery = true)
	@Transactional(propagation = Propagation.MANDATORY)
	boolean tryRelayLock(long lock);

	/**
	 * Locks the oldest pending messages, except those of a user who has a parked message:
	 * they wait behind it, so no event overtakes an earlier one of its user.
	 * @param limit how many at most
	 * @return pending messages, oldest first
	 */
	@Query(value = """
			SELECT * FROM outbox
			WHERE status = 'PENDING'
			  AND message_key NOT IN (SELECT message_key FROM outbox WHERE status = 'PARKED')
			ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""", nativeQuery = true)
	@Transactional(propagation = Propagation.MANDATORY)
	List<OutboxMessage> lockPending(int limit);

	@Modifying
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("""
			UPDATE OutboxMessage m SET m.status = 'PUBLISHED', m.publishedAt = :at, m.attempts = m.attempts + 1,
			m.lastError = NULL WHERE m.id = :id""")
	void markPublished(Long id, Instant at);

	@Modifying
	@Transactional(propagation = Propagation.MANDATORY)
	@Query("UPDATE OutboxMessage m SET m.attempts = m.attempts + 1, m.lastError = :error WHERE m.id = :id")
	void markFailed(Long id, String error);

	@Modifying
	@Transactional(propagation = Propagation.MANDATORY)
	@Query(value = """
			UPDATE outbox SET status = 'PARKED', parked_at = :at, attempts = attempts + 1, last_error = :error
			WHERE id = :id""", nativeQuery = true)
	void park(Long id, String error, Instant at);

	/**
	 * Deletes published messages older than the cutoff, a bounded number at a time so one
	 * purge never holds many row locks.
	 * @param cutoff published before this
	 * @param limit how many at most
	 * @return how many were deleted
	 */
	@Modifying
	@Transactional
	@Query(value = """
			DELETE FROM outbox WHERE id IN (
			  SELECT id FROM outbox WHERE status = 'PUBLISHED' AND published_at < :cutoff LIMIT :limit)""",
			nativeQuery = true)
	int purgePublishedBefore(Instant cutoff, int limit);

	@Query(value = "SELECT count(*) FROM outbox WHERE status = 'PENDING'", nativeQuery = true)
	long countPending();

}
