/**
 * Who may act: principals (people with passwords, systems with API keys), their roles and
 * routers, sessions, lockout and the HTTP edge's one authentication and authorisation step.
 */
package io.mikrobill.security;
