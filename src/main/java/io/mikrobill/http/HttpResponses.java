package io.mikrobill.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the HTTP answer of a failed request: status, Retry-After and the JSON error. */
public final class HttpResponses {

  private static final Logger LOG = LoggerFactory.getLogger(HttpResponses.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final io.mikrobill.billing.BillingService billing;

  public HttpResponses(io.mikrobill.billing.BillingService billing) {
    this.billing = billing;
  }

  /** Route step of the API's onException: turns the caught exception into the response. */
  public void error(Exchange exchange) throws Exception {
    Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (caught == null) {
      caught = exchange.getException();
    }
    java.util.Map<String, Object> created = billing == null || caught == null ? null : billing.createdByEarlierAttempt(exchange, caught);
    if (created != null) {
      LOG.warn("http {} {} repeated create found its user already there: created by the earlier attempt",
          exchange.getMessage().getHeader(Exchange.HTTP_METHOD), exchange.getMessage().getHeader(Exchange.HTTP_PATH));
      exchange.getMessage().removeHeaders("RouterOs*");
      exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
      exchange.getMessage().setBody(JSON.writeValueAsString(created));
      return;
    }
    ErrorResponse e = ErrorMapper.map(caught == null ? new IllegalStateException("unknown failure") : caught);
    if (e.status() >= 500) {
      LOG.warn("http {} {} failed status={} type={} error=\"{}\"", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
          exchange.getMessage().getHeader(Exchange.HTTP_PATH), e.status(), e.type(), e.message());
    }
    exchange.getMessage().removeHeaders("RouterOs*");
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, e.status());
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
    if (e.retryAfterSeconds() != null) {
      exchange.getMessage().setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
    }
    String body = JSON.writeValueAsString(e.toJson());
    exchange.getMessage().setBody(body);
    if (billing != null) {
      billing.remember(exchange, e.status(), body);
    }
  }
}
