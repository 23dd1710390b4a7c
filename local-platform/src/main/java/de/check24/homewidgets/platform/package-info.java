/**
 * The one-command local platform: the tests' embedded infrastructure plus every service
 * as a real process with its production configuration.
 */
package de.check24.homewidgets.platform;
