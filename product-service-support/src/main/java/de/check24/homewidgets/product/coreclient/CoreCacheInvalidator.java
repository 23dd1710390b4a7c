package de.check24.homewidgets.product.coreclient;

import java.util.concurrent.ThreadPoolExecutor;

import de.check24.homewidgets.product.ProductProperties;
import de.check24.homewidgets.product.contract.ContractCancelled;
import de.check24.homewidgets.product.contract.ContractPurchased;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Notifies the core after a contract change commits, off the request thread, so a slow or
 * absent core never delays or fails the purchase.
 */
@Component
class CoreCacheInvalidator implements DisposableBean {

	private final CoreClient core;

	private final String service;

	/**
	 * Its own small bounded pool (not a bean, so the application's task executor stays as
	 * Spring Boot configures it): when the core is down the queue fills with calls that
	 * time out, and the oldest are dropped rather than the service running out of memory.
	 */
	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	CoreCacheInvalidator(CoreClient core, ProductProperties product) {
		this.core = core;
		this.service = product.key();
		this.executor.setThreadNamePrefix("core-notify-");
		this.executor.setCorePoolSize(2);
		this.executor.setMaxPoolSize(2);
		this.executor.setQueueCapacity(500);
		this.executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardOldestPolicy());
		// the call continues the purchase's trace (and logs its user) on the pool's
		// thread
		this.executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
		this.executor.setWaitForTasksToCompleteOnShutdown(true);
		this.executor.setAwaitTerminationSeconds(5);
		this.executor.initialize();
	}

	@TransactionalEventListener
	void on(ContractPurchased purchased) {
		notifyCore(purchased.userId(), CacheInvalidation.CONTRACT_CREATED);
	}

	@TransactionalEventListener
	void on(ContractCancelled cancelled) {
		notifyCore(cancelled.userId(), CacheInvalidation.CONTRACT_DELETED);
	}

	private void notifyCore(long userId, String reason) {
		this.executor.execute(() -> this.core.invalidateCache(new CacheInvalidation(userId, this.service, reason)));
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
