/**
 * The {@code routeros:} Camel component for integrators' routes: an asynchronous producer that
 * sends each exchange through the router's door ({@code Router.execute}), stream and event
 * consumers, and one readiness health check per router served by one repository.
 */
package io.mikrobill.camel;
