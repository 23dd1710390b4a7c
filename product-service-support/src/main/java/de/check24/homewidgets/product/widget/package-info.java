/**
 * The offers a product shows: which widgets a user may see, ranked by the product's
 * {@link de.check24.homewidgets.product.RankingPolicy}.
 */
package de.check24.homewidgets.product.widget;
