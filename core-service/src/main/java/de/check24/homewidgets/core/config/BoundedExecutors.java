package de.check24.homewidgets.core.config;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The core's thread pools: a fixed number of threads, a bounded queue, and a rejection
 * (never an unbounded backlog) when both are full, so overload shows as a fast, counted
 * refusal instead of memory growth. Not beans: an {@code Executor} bean would make Spring
 * Boot back off from its own task executor.
 */
public final class BoundedExecutors {

	private BoundedExecutors() {
	}

	/**
	 * A bounded pool whose idle threads time out, with its metrics registered as
	 * {@code executor.*{name=...}}.
	 * @param name the metrics name and thread name prefix
	 * @param threads the most threads
	 * @param queueCapacity the most tasks waiting; 0 hands tasks only to idle threads
	 * @param meterRegistry where the pool's metrics go
	 * @return the executor; {@code execute} throws {@code RejectedExecutionException}
	 * when it is full
	 */
	public static ExecutorService create(String name, int threads, int queueCapacity, MeterRegistry meterRegistry) {
		BlockingQueue<Runnable> queue = (queueCapacity > 0) ? new ArrayBlockingQueue<>(queueCapacity)
				: new SynchronousQueue<>();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
				new CustomizableThreadFactory(name + "-"), new ThreadPoolExecutor.AbortPolicy());
		executor.allowCoreThreadTimeOut(true);
		return ExecutorServiceMetrics.monitor(meterRegistry, executor, name);
	}

}
