/**
 * The chaos scenario ({@link de.check24.homewidgets.load.chaos.ChaosRun}): drives the
 * local platform's admin endpoint while the simulations run and judges the outcome.
 */
package de.check24.homewidgets.load.chaos;
