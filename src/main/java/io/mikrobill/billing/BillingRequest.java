package io.mikrobill.billing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request from any source, as the applier settles it: where it came from, the key that makes
 * a repeat harmless (an Idempotency-Key, a CSV file's digest and row, a JMS request id; null
 * for an HTTP request sent without a key, which nothing can repeat and nothing records), the
 * action, the router fields in the guide's names (with {@code router}), and metadata that is not
 * a router field. Every edge builds one; nothing downstream reads headers.
 */
public record BillingRequest(Source source, String key, String action, Map<String, Object> fields, RequestMeta meta) {

  public BillingRequest {
    Objects.requireNonNull(source, "source");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
    meta = meta == null ? RequestMeta.of(null) : meta;
  }

  /** Whether the request has a key, so its outcome is claimed and recorded. */
  public boolean keyed() {
    return key != null;
  }

  /** The router the request names, {@code default} when it names none. */
  public String router() {
    Object r = fields.get("router");
    return r == null ? "default" : String.valueOf(r);
  }
}
