package de.check24.homewidgets.core.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps this replica subscribed to the invalidation channel. The core must start and
 * serve without Redis, so a failed subscription never fails startup; it is retried until
 * Redis answers. Once subscribed, the container itself recovers from connection loss.
 */
class InvalidationSubscription extends RedisMessageListenerContainer {

	private static final Logger logger = LoggerFactory.getLogger(InvalidationSubscription.class);

	@Override
	public void start() {
		try {
			super.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Not subscribed to cache invalidations yet, retrying: {}", ex.toString());
			try {
				super.stop();
			}
			catch (RuntimeException ignored) {
				// nothing was running
			}
		}
	}

	@Scheduled(fixedDelayString = "${home.cache.subscription-retry-interval:2s}")
	void ensureSubscribed() {
		if (!isRunning() || !isListening()) {
			start();
		}
	}

}
