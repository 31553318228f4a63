package io.mikrobill.voucher;

import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.BillingService;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.persistence.PendingVoucher;
import io.mikrobill.persistence.Voucher;
import io.mikrobill.persistence.VoucherLedger;
import io.mikrobill.persistence.VoucherState;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.ValidatedRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * {@code /api/vouchers}: a batch is generated (codes from a secure source, no look-alike
 * characters), written to the ledger as PENDING in one transaction, then each voucher is created
 * on the router as a hotspot user (user name and password = the code) exactly once, and marked
 * CREATED or FAILED with the reason. Revoking removes the user and marks the voucher REVOKED.
 */
public final class VoucherApi {

  private static final int DEFAULT_CODE_LENGTH = 8;

  private final RequestValidator validator;
  private final VoucherLedger ledger;
  private final RequestApplier applier;
  private final VoucherCodes codes;

  public VoucherApi(RequestValidator validator, VoucherLedger ledger, RequestApplier applier, VoucherCodes codes) {
    this.validator = validator;
    this.ledger = ledger;
    this.applier = applier;
    this.codes = codes;
  }

  /** POST /api/vouchers. */
  public Map<String, Object> create(Exchange exchange) throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> body = exchange.getMessage().getBody(Map.class);
    ValidatedRequest v = validator.forSource("http").validate("createVouchers", body == null ? Map.of() : body);
    int count = Integer.parseInt(v.fields().get("count"));
    String profile = v.fields().get("profile");
    BigDecimal price = v.fields().get("price") == null ? BigDecimal.ZERO : new BigDecimal(v.fields().get("price"));
    String prefix = v.fields().getOrDefault("prefix", "").toUpperCase(Locale.ROOT);
    int length = v.fields().get("codeLength") == null ? DEFAULT_CODE_LENGTH : Integer.parseInt(v.fields().get("codeLength"));
    if (prefix.length() + length < 8) {
      throw new IllegalArgumentException("prefix plus codeLength must be at least 8 characters: the code is also the password");
    }
    String batch = "b-" + UUID.randomUUID().toString().substring(0, 13);
    Set<String> generated = codes.generate(count, prefix, length);
    List<PendingVoucher> pending = new ArrayList<>();
    generated.forEach(c -> pending.add(new PendingVoucher(c, batch, profile, price, v.router())));
    ledger.insertPending(pending);

    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>();
    for (String code : generated) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("username", code);
      fields.put("password", code);
      fields.put("profile", profile);
      fields.put("comment", "voucher " + batch);
      fields.put("router", v.router());
      results.add(applier.apply("voucher", code, "createHotspotUser", fields).thenApply(r -> settle(code, r)));
    }
    List<Map<String, Object>> vouchers = new ArrayList<>();
    int created = 0;
    for (CompletableFuture<Map<String, Object>> f : results) {
      Map<String, Object> m = f.get(5, TimeUnit.MINUTES);
      if ("CREATED".equals(m.get("state"))) {
        created++;
      }
      vouchers.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("batchId", batch);
    out.put("profile", profile);
    out.put("price", price);
    out.put("router", v.router());
    out.put("created", created);
    out.put("failed", count - created);
    out.put("vouchers", vouchers);
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, created == count ? 201 : created == 0 ? 502 : 207);
    return out;
  }

  private Map<String, Object> settle(String code, ApplyResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    if (r.applied()) {
      ledger.markCreated(code, r.routerId());
      m.put("state", "CREATED");
      m.put("id", r.routerId());
    } else {
      ledger.markFailed(code, r.reason());
      m.put("state", "FAILED");
      m.put("reason", r.reason());
    }
    return m;
  }

  /** GET /api/vouchers?state=&batch=&limit=&offset=. */
  public List<Map<String, Object>> list(Exchange exchange) {
    String state = exchange.getMessage().getHeader("state", String.class);
    VoucherState s = state == null ? null : VoucherState.valueOf(state.toUpperCase(Locale.ROOT));
    int limit = Math.min(1000, exchange.getMessage().getHeader("limit", 100, Integer.class));
    int offset = exchange.getMessage().getHeader("offset", 0, Integer.class);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Voucher x : ledger.list(s, exchange.getMessage().getHeader("batch", String.class), limit, offset)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("code", x.code());
      m.put("batchId", x.batchId());
      m.put("profile", x.profile());
      m.put("price", x.price());
      m.put("currency", x.currency());
      m.put("router", x.router());
      m.put("state", x.state().name());
      m.put("id", x.routerId());
      m.put("reason", x.failureReason());
      m.put("createdAt", x.createdAt().toString());
      m.put("updatedAt", x.updatedAt().toString());
      out.add(m);
    }
    return out;
  }

  /** DELETE /api/vouchers/{code}: removes the user from the router, then marks the voucher revoked. */
  public void revoke(Exchange exchange) throws Exception {
    String code = exchange.getMessage().getHeader("code", String.class);
    Voucher v = ledger.find(code == null ? "" : code)
        .orElseThrow(() -> new BillingService.NotFoundException("no such voucher: " + code));
    if (v.state() == VoucherState.CREATED) {
      ApplyResult r = applier.apply("voucher-revoke", code, "removeUser",
          Map.of("username", code, "router", v.router(), "type", "hotspot")).get(2, TimeUnit.MINUTES);
      if (!r.applied() && !String.valueOf(r.reason()).contains("no such item")) {
        throw new IllegalStateException("voucher " + code + " could not be removed from the router: " + r.reason());
      }
    }
    ledger.revoke(code);
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    exchange.getMessage().setBody("");
  }
}
