package io.mikrobill.jms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.BillingRequest;
import io.mikrobill.billing.Digests;
import io.mikrobill.billing.Refusals;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.billing.RequestMeta;
import io.mikrobill.billing.Source;
import io.mikrobill.routeros.flow.Priority;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One billing message from the queue, in its JMS transaction: {@code {"action": ..., "router":
 * ..., ...fields}}. Applied once (keyed by its {@code requestId} field, else its JMSMessageID, else
 * its arrival time and body); the JMS priority becomes the pipeline's. A refusal moves the message
 * to the dead-letter queue with its reason (header {@code MikroBillReason}) and its password
 * fields masked, in the same transaction; an unreachable router rolls back so the broker
 * redelivers later, and a router still unreachable on the last allowed delivery sends the message
 * back to the queue, due again after the breaker's open time: a valid message waits out an outage
 * of any length. A {@code JMSReplyTo} gets the result once it is settled.
 */
public final class JmsBillingRequests {

  /** Who the queue's requests are from, on the typed request: the broker let their senders in. */
  private static final io.mikrobill.security.Principal SOURCE = io.mikrobill.security.Principal.system("jms");

  private static final Logger LOG = LoggerFactory.getLogger(JmsBillingRequests.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The key of a message sent again by {@link #requeue}, so its copy keeps the original's outcome. */
  static final String KEY_HEADER = "MikroBillKey";

  private final RequestApplier applier;
  private final ProducerTemplate template;
  private final String deadLetterUri;
  private final String queueUri;
  private final int maxRedeliveries;
  private final long timeoutMs;
  private final long requeueDelayMs;

  /** Finds the principal of a broker login; MikroBill's own login (its requeues) is {@code internalUser}. */
  private final java.util.function.Function<String, java.util.Optional<io.mikrobill.security.Principal>> senders;
  private final String internalUser;

  public JmsBillingRequests(RequestApplier applier, ProducerTemplate template, String queue, String deadLetterQueue,
      int maxRedeliveries, long timeoutMs, long requeueDelayMs,
      java.util.function.Function<String, java.util.Optional<io.mikrobill.security.Principal>> senders, String internalUser) {
    this.senders = senders;
    this.internalUser = internalUser;
    this.applier = applier;
    this.template = template;
    this.deadLetterUri = "jms:queue:" + deadLetterQueue + "?transacted=true";
    this.queueUri = "jms:queue:" + queue + "?transacted=true";
    this.maxRedeliveries = maxRedeliveries;
    this.timeoutMs = timeoutMs;
    this.requeueDelayMs = requeueDelayMs;
  }

  /** Route step of billing-jms. Throws to roll back when the router is unreachable and retries remain. */
  public void handle(Exchange exchange) throws Exception {
    String body = exchange.getMessage().getBody(String.class);
    String messageId = messageId(exchange);
    int delivery = deliveryCount(exchange);
    Map<String, Object> fields;
    String action;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = JSON.readValue(body == null ? "" : body, Map.class);
      fields = new LinkedHashMap<>(parsed);
      action = String.valueOf(fields.remove("action"));
    } catch (Exception e) {
      // Where the parser stopped, not its message: that quotes the body (a password, say), and the reason is logged.
      deadLetter(exchange, body, e instanceof JsonProcessingException j && j.getLocation() != null
          ? "not a JSON object: parse error at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr()
          : "not a JSON object");
      reply(exchange, ApplyResult.refused(ApplyResult.Kind.VALIDATION, "bad-request", "not a JSON object", null), messageId);
      return;
    }
    BillingRequest request;
    try {
      request = request(exchange, action, fields, messageId);
    } catch (io.mikrobill.security.AccessDenied d) {
      deadLetter(exchange, body, d.getMessage());
      reply(exchange, ApplyResult.refused(ApplyResult.Kind.VALIDATION, "forbidden", d.getMessage(), null), messageId);
      return;
    } catch (RuntimeException e) {
      ApplyResult refused = Refusals.classify(e);
      deadLetter(exchange, body, refused.reason());
      reply(exchange, refused, messageId);
      return;
    }
    ApplyResult result = applier.apply(request).get(timeoutMs, TimeUnit.MILLISECONDS);
    if (result.isTransient()) {
      if (delivery <= maxRedeliveries) {
        throw new IllegalStateException("router unreachable, delivery " + delivery + " of " + (maxRedeliveries + 1)
            + ": " + result.reason());
      }
      result = applier.giveUp(request, result).get(timeoutMs, TimeUnit.MILLISECONDS);
      if (result.isTransient()) {
        // A valid request is never dead-lettered because its router is down: it goes back to the
        // queue, due again after the breaker's open time, under the same key.
        requeue(exchange, body, request.key(), delivery, result);
        return;
      }
    }
    if (!result.applied()) {
      deadLetter(exchange, body, result.reason());
    }
    reply(exchange, result, messageId);
  }

  /** Sends the message again, in this transaction, with its key and a scheduled delivery. */
  private void requeue(Exchange exchange, String body, String key, int delivery, ApplyResult last) {
    LOG.warn("jms key={} router still unreachable after {} deliveries; queued again for {} ms reason=\"{}\"", key, delivery,
        requeueDelayMs, last.reason());
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put(KEY_HEADER, key);
    headers.put("_AMQ_SCHED_DELIVERY", System.currentTimeMillis() + requeueDelayMs);
    Object replyTo = exchange.getMessage().getHeader("JMSReplyTo");
    if (replyTo != null) {
      headers.put("JMSReplyTo", replyTo);
    }
    template.sendBodyAndHeaders(queueUri, body, headers);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "queued");
    out.put("reason", "router unreachable; the request waits in the queue and is tried again: " + last.reason());
    try {
      exchange.getMessage().setBody(JSON.writeValueAsString(out));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The typed request of a message: its priority (the body's, else the JMS priority), price and
   * requestId are metadata, not router fields; the key is the requestId, else the message's id.
   */
  private BillingRequest request(Exchange exchange, String action, Map<String, Object> fields, String messageId) {
    Integer jmsPriority = exchange.getMessage().getHeader("JMSPriority", Integer.class);
    io.mikrobill.security.Principal sender = sender(exchange);
    RequestMeta meta = RequestMeta.takeFrom(fields, jmsPriority != null ? Priority.fromJms(jmsPriority) : Priority.NORMAL)
        .withClient(sender, null);
    String router = fields.get("router") == null ? "default" : String.valueOf(fields.get("router"));
    boolean roleMay;
    try {
      roleMay = io.mikrobill.billing.Action.parse(action).roles().contains(sender.role());
    } catch (IllegalArgumentException unknownAction) {
      roleMay = true; // the applier refuses it, naming the actions it knows
    }
    if (!roleMay || !sender.mayUse(router)) {
      throw io.mikrobill.security.AccessDenied.forbidden(sender.label() + " (role " + sender.role().wireName()
          + ") may not " + action + " on router '" + router + "'");
    }
    String carried = exchange.getMessage().getHeader(KEY_HEADER, String.class);
    String key = meta.requestId() != null ? "id:" + meta.requestId() : carried != null ? carried : "msg:" + messageId;
    return new BillingRequest(Source.JMS, key, action, fields, meta);
  }


  /**
   * Who sent the message: the principal of the login the broker validated. A message MikroBill
   * requeued itself (its own login) was checked when it first arrived; one with no validated login
   * (an external broker, BROKER_URL) is the queue's, as before. A login that is no longer a
   * principal (disabled since it sent) is refused.
   */
  private io.mikrobill.security.Principal sender(Exchange exchange) {
    String user = null;
    try {
      if (exchange.getMessage() instanceof org.apache.camel.component.jms.JmsMessage jms && jms.getJmsMessage() != null) {
        user = jms.getJmsMessage().getStringProperty("_AMQ_VALIDATED_USER");
      }
    } catch (jakarta.jms.JMSException unreadable) {
      user = null;
    }
    if (user == null || user.equals(internalUser)) {
      return SOURCE;
    }
    String login = user;
    return senders.apply(login).orElseThrow(() -> io.mikrobill.security.AccessDenied.forbidden(
        "the sender '" + login + "' is no longer an enabled MikroBill principal"));
  }

  /** The broker's id of the message: the same on every redelivery, so it keys the message's outcome. */
  static String messageId(Exchange exchange) {
    try {
      if (exchange.getMessage() instanceof org.apache.camel.component.jms.JmsMessage jms && jms.getJmsMessage() != null
          && jms.getJmsMessage().getJMSMessageID() != null) {
        return jms.getJmsMessage().getJMSMessageID();
      }
    } catch (jakarta.jms.JMSException e) {
      LOG.debug("cannot read JMSMessageID: {}", e.toString());
    }
    String header = exchange.getMessage().getHeader("JMSMessageID", String.class);
    if (header != null) {
      return header;
    }
    // Some protocols (STOMP into Artemis) leave JMSMessageID empty. The broker's arrival time and
    // the body are the same on every redelivery; senders that may send one body twice in the same
    // millisecond should set requestId.
    long ts = exchange.getMessage().getHeader("JMSTimestamp", 0L, Long.class);
    String body = exchange.getMessage().getBody(String.class);
    return "ts:" + ts + ":" + Digests.sha256Hex(body == null ? "" : body);
  }


  private static int deliveryCount(Exchange exchange) {
    try {
      if (exchange.getMessage() instanceof org.apache.camel.component.jms.JmsMessage jms && jms.getJmsMessage() != null
          && jms.getJmsMessage().propertyExists("JMSXDeliveryCount")) {
        return jms.getJmsMessage().getIntProperty("JMSXDeliveryCount");
      }
    } catch (jakarta.jms.JMSException e) {
      LOG.debug("cannot read JMSXDeliveryCount: {}", e.toString());
    }
    return exchange.getMessage().getHeader("JMSXDeliveryCount", 1, Integer.class);
  }

  private void deadLetter(Exchange exchange, String body, String reason) {
    LOG.warn("jms message={} moved to dead-letter queue reason=\"{}\"", exchange.getMessage().getHeader("JMSMessageID"), reason);
    // the dead letters outlive the request: its passwords are not kept there (PasswordMask)
    template.sendBodyAndHeader(deadLetterUri, PasswordMask.mask(body), "MikroBillReason", reason == null ? "refused" : reason);
  }

  private static void reply(Exchange exchange, ApplyResult r, String messageId) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", r.applied() ? "applied" : "refused");
    if (r.routerId() != null) {
      out.put("id", r.routerId());
    }
    if (!r.applied()) {
      out.put("error", Map.of("type", r.type(), "kind", r.kind().wireName(), "message", String.valueOf(r.reason())));
    }
    out.put("messageId", messageId);
    exchange.getMessage().setBody(JSON.writeValueAsString(out));
  }
}
