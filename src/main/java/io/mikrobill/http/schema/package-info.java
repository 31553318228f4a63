/**
 * The shapes of the HTTP API's bodies, for the OpenAPI document only ({@code type}, {@code
 * outType} and {@code responseModel} in the REST DSL): the edge reads and writes JSON itself.
 */
package io.mikrobill.http.schema;
