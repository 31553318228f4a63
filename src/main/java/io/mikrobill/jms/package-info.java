/**
 * The JMS edge and the embedded broker: each message of {@code billing.requests} becomes a typed
 * request in its transaction; refusals are dead-lettered with their reason, a router outage makes
 * messages wait (the consumer pauses on a breaker that is not closed; a message out of
 * redeliveries is queued again under its key), never dead-lettered. The embedded broker lets in
 * only MikroBill's own login and MikroBill's principals, each with its role's rights, and keeps
 * dead letters with their passwords masked.
 */
package io.mikrobill.jms;
