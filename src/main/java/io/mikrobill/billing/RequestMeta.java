package io.mikrobill.billing;

import io.mikrobill.routeros.flow.Priority;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What is known about a request besides what it asks of the router: who sent it and from where
 * (the HTTP edge's authenticated principal; MikroBill's own for CSV and JMS), its priority in the router's queues, the price
 * a voucher sells for, the sender's own request id and when it arrived. None of it is a router
 * field, so validation never sees it.
 */
public record RequestMeta(io.mikrobill.security.Principal principal, String clientAddress, Priority priority, BigDecimal price, String requestId,
    Instant receivedAt) {

  public RequestMeta {
    priority = priority == null ? Priority.NORMAL : priority;
    receivedAt = receivedAt == null ? Instant.now() : receivedAt;
  }

  /**
   * Takes the metadata a source's fields may carry ({@code priority}, {@code price}, {@code
   * requestId}) out of {@code fields}, so only router fields are left; {@code fallback} is the
   * priority when the fields name none (a JMS message's own priority, say).
   */
  public static RequestMeta takeFrom(java.util.Map<String, Object> fields, Priority fallback) {
    Object priority = fields.remove("priority");
    Object price = fields.remove("price");
    Object requestId = fields.remove("requestId");
    RequestMeta meta = of(priority != null ? Priority.parse(String.valueOf(priority)) : fallback);
    if (price != null) {
      try {
        meta = meta.withPrice(new BigDecimal(String.valueOf(price)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("price must be a decimal number, was '" + price + "'");
      }
    }
    return meta.withRequestId(requestId == null ? null : String.valueOf(requestId));
  }

  public static RequestMeta of(Priority priority) {
    return new RequestMeta(null, null, priority, null, null, null);
  }

  public RequestMeta withPrice(BigDecimal p) {
    return new RequestMeta(principal, clientAddress, priority, p, requestId, receivedAt);
  }

  public RequestMeta withRequestId(String id) {
    return new RequestMeta(principal, clientAddress, priority, price, id, receivedAt);
  }

  public RequestMeta withClient(io.mikrobill.security.Principal who, String address) {
    return new RequestMeta(who, address, priority, price, requestId, receivedAt);
  }
}
