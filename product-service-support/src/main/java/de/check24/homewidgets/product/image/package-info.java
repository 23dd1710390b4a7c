/**
 * The product's own image assets (its logos and pictures) at
 * {@code /images/{key}/{name}-{content hash}.{ext}}, cached for a year as immutable, and
 * the widget image URLs that point at them.
 */
package de.check24.homewidgets.product.image;
