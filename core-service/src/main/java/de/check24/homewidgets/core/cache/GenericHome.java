package de.check24.homewidgets.core.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the anonymous home in Redis. It is what signed-in users are shown while their
 * products have no place for them (a provisional home), and a crowd of cold users comes
 * exactly when it would be missing: after a deploy, a Redis restart or a flush. Every few
 * seconds it is looked up like any home: a Redis read while it is fresh, one refresh
 * across replicas when stale, one fetch when missing.
 */
class GenericHome {

	private static final Logger logger = LoggerFactory.getLogger(GenericHome.class);

	private final HomeSections sections;

	GenericHome(HomeSections sections) {
		this.sections = sections;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${home.cache.generic-home-check:5s}")
	void keep() {
		try {
			this.sections.sections(Viewer.ANONYMOUS);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not look after the generic home: {}", ex.toString());
		}
	}

}
