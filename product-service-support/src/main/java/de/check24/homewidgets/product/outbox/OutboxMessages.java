package de.check24.homewidgets.product.outbox;

import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

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
	List<OutboxMessage> lockPending(int limit);

}
