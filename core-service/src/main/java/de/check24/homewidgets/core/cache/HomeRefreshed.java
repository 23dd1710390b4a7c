package de.check24.homewidgets.core.cache;

import de.check24.homewidgets.core.viewer.Viewer;

/**
 * A background refresh wrote new sections of a home to Redis; this replica's copies of
 * the page may go. Published on this replica only.
 *
 * @param viewer whose home
 */
public record HomeRefreshed(Viewer viewer) {

}
