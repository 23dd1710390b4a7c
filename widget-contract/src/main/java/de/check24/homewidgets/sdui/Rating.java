package de.check24.homewidgets.sdui;

/**
 * Customer rating.
 *
 * @param score between 0 and 5
 */
public record Rating(double score) {

}
