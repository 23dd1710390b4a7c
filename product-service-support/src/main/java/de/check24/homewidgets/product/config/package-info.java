/**
 * Runtime defaults every product service shares.
 */
package de.check24.homewidgets.product.config;
