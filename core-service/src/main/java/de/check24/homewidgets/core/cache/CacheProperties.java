package de.check24.homewidgets.core.cache;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How long home sections live in Redis. A product may set its own TTL
 * ({@code {KEY}_SERVICE_TTL}).
 *
 * @param ttl how long a section is fresh
 * @param grace how long after its TTL a section is still served while one background
 * refresh runs
 * @param staleIfError how long after the grace window a section is still kept, to be
 * served only when its product fails
 * @param refreshLockTtl how long one replica may hold a home's refresh lock
 * @param refreshThreads threads for background refreshes of stale homes
 * @param refreshQueueCapacity refreshes waiting for a thread; beyond it a refresh is
 * skipped and the next stale request asks again
 * @param sectionMemory memory each replica spends on decoded section contents (they are
 * shared by many homes and never change)
 * @param personalHomeThreads workers building personal homes after provisional ones
 * @param personalHomeQueueCapacity personal homes waiting for a worker
 * @param personalHomeAdmission how long such a build waits for a place at a product
 * @param invalidationLogLength how many invalidations Redis keeps for replicas that
 * subscribe again after they lost their subscription
 */
@Validated
@ConfigurationProperties("home.cache")
record CacheProperties(@NotNull Duration ttl, @NotNull Duration grace, @NotNull Duration staleIfError,
		@NotNull Duration refreshLockTtl, @Min(1) int refreshThreads, @Min(1) int refreshQueueCapacity,
		@NotNull DataSize sectionMemory, @Min(1) int personalHomeThreads, @Min(1) int personalHomeQueueCapacity,
		@NotNull Duration personalHomeAdmission, @Min(1) int invalidationLogLength) {

}
