/**
 * A product service with no code of its own, configured by its environment: the vehicle
 * for a new product (e.g. {@code electricity}) before its team writes a module.
 */
package de.check24.homewidgets.generic;
