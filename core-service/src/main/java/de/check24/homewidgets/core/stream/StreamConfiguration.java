package de.check24.homewidgets.core.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration {

	// not a bean: an Executor bean would make Boot back off from its
	// applicationTaskExecutor. Unbounded queue: each subscriber has at most one drain
	// task queued at a time, so the queue is bounded by the number of subscribers.
	private static ExecutorService senders(StreamProperties properties, MeterRegistry meterRegistry) {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(properties.senderThreads(), properties.senderThreads(), 60,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new CustomizableThreadFactory("stream-sender-"));
		executor.allowCoreThreadTimeOut(true);
		return ExecutorServiceMetrics.monitor(meterRegistry, executor, "stream-senders");
	}

	@Bean(destroyMethod = "close")
	UpdateStreams updateStreams(StreamProperties properties, ObjectMapper objectMapper, MeterRegistry meterRegistry) {
		return new UpdateStreams(properties, senders(properties, meterRegistry), objectMapper, meterRegistry);
	}

}
