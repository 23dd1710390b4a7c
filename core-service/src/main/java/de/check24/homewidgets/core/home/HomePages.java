package de.check24.homewidgets.core.home;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.check24.homewidgets.core.cache.HomeSections;
import de.check24.homewidgets.core.cache.Sections;
import de.check24.homewidgets.core.viewer.Viewer;

/**
 * Home pages: from this replica's memory when it holds the page, else rendered from the
 * sections the cache decides to serve.
 */
class HomePages {

	private static final Logger logger = LoggerFactory.getLogger(HomePages.class);

	private final NearCache nearCache;

	private final HomeSections sections;

	private final HomeRenderer renderer;

	HomePages(NearCache nearCache, HomeSections sections, HomeRenderer renderer) {
		this.nearCache = nearCache;
		this.sections = sections;
		this.renderer = renderer;
	}

	RenderedPage page(Viewer viewer) {
		RenderedPage page = this.nearCache.get(viewer);
		if (page != null) {
			return page; // served from memory
		}
		return this.nearCache.load(viewer, this::assemble);
	}

	private RenderedPage assemble(Viewer viewer) {
		long started = System.nanoTime();
		Sections sections = this.sections.sections(viewer);
		RenderedPage page = this.renderer.render(sections);
		// one line per page assembled; pages served from memory are summed up by
		// HomeTraffic
		logger.atInfo()
			.addKeyValue("user_id", viewer.userId())
			.addKeyValue("cache_hit", sections.fetched() == 0)
			.addKeyValue("sections_fetched", sections.fetched())
			.addKeyValue("fallbacks", sections.fallbacks())
			.addKeyValue("status", page.status())
			.addKeyValue("response_time_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
			.log((sections.fetched() == 0) ? "Home assembled from Redis" : "Home assembled from the products");
		return page;
	}

}
