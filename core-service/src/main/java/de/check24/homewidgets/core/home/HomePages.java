package de.check24.homewidgets.core.home;

import de.check24.homewidgets.core.cache.HomeSections;
import de.check24.homewidgets.core.viewer.Viewer;

/**
 * Home pages: from this replica's memory when it holds the page, else rendered from the
 * sections the cache decides to serve.
 */
class HomePages {

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
		return this.nearCache.load(viewer, (who) -> this.renderer.render(this.sections.sections(who)));
	}

}
