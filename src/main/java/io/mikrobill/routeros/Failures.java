package io.mikrobill.routeros;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reaching the failure itself through the wrappers that futures put around it. */
public final class Failures {

  private Failures() {}

  /** The first cause that is not a {@link CompletionException} or {@link ExecutionException}. */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
