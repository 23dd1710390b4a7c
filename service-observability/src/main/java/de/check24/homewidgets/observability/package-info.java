/**
 * What every service of the platform logs and traces the same way. No service logic.
 */
package de.check24.homewidgets.observability;
