/**
 * The core of the pipeline, free of Camel: the typed request every source builds
 * ({@link io.mikrobill.billing.BillingRequest}: source, key, action, router fields, metadata), the
 * action catalogue ({@link io.mikrobill.billing.Action}, {@link io.mikrobill.billing.RouterCommands},
 * {@link io.mikrobill.billing.FieldNames}), and the one applier
 * ({@link io.mikrobill.billing.RequestApplier}) that validates, claims the key, calls the router's
 * door and returns an {@link io.mikrobill.billing.ApplyResult}: applied, refused with a kind, or
 * unknown. Edges map that result to their own answers; no HTTP status lives here.
 */
package io.mikrobill.billing;
