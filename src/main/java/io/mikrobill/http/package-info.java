/**
 * The HTTP edge: route beans that turn a request (JSON body, path and query values,
 * Idempotency-Key) into a typed billing request or a read through the router's door, and the
 * outcome into a status and the JSON error ({@link io.mikrobill.http.ErrorMapper}, the only place
 * with HTTP statuses). {@link io.mikrobill.http.ApiHeaderFilter} lets only documented headers in
 * and only the answer's own headers out.
 */
package io.mikrobill.http;
