/**
 * The server-driven UI contract shared by the core, the product services and every
 * client. Plain records and JSON Schema only: no Spring, no JPA, so any JVM client can
 * depend on it.
 */
package de.check24.homewidgets.sdui;
