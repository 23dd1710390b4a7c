/**
 * Load and chaos tests of the platform: what the simulated clients share (user tokens,
 * synthetic client addresses, how an answer is judged, the journal of what they saw).
 */
package de.check24.homewidgets.load;
