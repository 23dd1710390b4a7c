package de.check24.homewidgets.core.cache;

/**
 * This replica (re)subscribed to the invalidation channel, for instance after a Redis
 * outage: invalidations published meanwhile never reached it, so whatever it keeps in
 * memory may be outdated. Published on this replica only.
 */
public record InvalidationsMissed() {

}
