package io.mikrobill.persistence;

/**
 * PENDING: claimed, work under way (or the worker died: a repair task settles old ones). APPLIED
 * and REFUSED are final: the first one recorded is what every repeat gets back.
 */
public enum OutcomeStatus {
  PENDING,
  APPLIED,
  REFUSED
}
