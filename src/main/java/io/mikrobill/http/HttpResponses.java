package io.mikrobill.http;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTTP answer of a route step that failed (the API's onException): status,
 * Retry-After and the JSON error. The HTTP edge's own steps answer their failures themselves;
 * this catches the rest, such as a route an integrator added. A client's bad request is not
 * logged; a server-side failure is one line here (an unexpected one's stack trace is logged by
 * {@link ErrorMapper} under its reference).
 */
public final class HttpResponses {

  private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);

  /** Route step of the API's onException: turns the caught exception into the response. */
  public void error(Exchange exchange) {
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (caught == null) {
      caught = exchange.getException();
    }
    ErrorResponse e = ErrorMapper.map(caught == null ? new IllegalStateException("unknown failure") : caught);
    if (e.status() >= 500) {
      // One line: an unexpected failure's stack trace is logged under its reference by ErrorMapper.
      LOG.warn("http {} {} failed status={} type={} reference={}", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
          exchange.getMessage().getHeader(Exchange.HTTP_PATH), e.status(), e.type(), e.reference());
    }
    exchange.getMessage().setBody(HttpAnswer.error(e).writeTo(exchange));
  }
}
