/**
 * The core's OpenAPI document: every route with its tokens, problems and the contract's
 * JSON Schemas, served at {@code /v3/api-docs}.
 */
package de.check24.homewidgets.core.apidocs;
