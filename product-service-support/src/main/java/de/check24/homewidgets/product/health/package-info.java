/**
 * The service's own health path next to the actuator's.
 */
package de.check24.homewidgets.product.health;
