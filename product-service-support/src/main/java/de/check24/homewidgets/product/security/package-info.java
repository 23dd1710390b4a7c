/**
 * Zero trust towards callers: every request except {@code /health}, {@code /images/**}
 * and the API document carries a short-lived token the core signed for this product
 * (ES256, issuer {@code home-core}, audience = this product's key, subject = the user the
 * core acts for). A request may act only for that user; a token without a user may only
 * read the generic widgets.
 */
package de.check24.homewidgets.product.security;
