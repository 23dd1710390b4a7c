/**
 * The Gatling simulations: {@link de.check24.homewidgets.load.simulation.HomeReaders},
 * {@link de.check24.homewidgets.load.simulation.Buyers},
 * {@link de.check24.homewidgets.load.simulation.LiveScreens}, and
 * {@link de.check24.homewidgets.load.simulation.ChaosMix}, all three at once for the
 * chaos run.
 */
package de.check24.homewidgets.load.simulation;
