package io.mikrobill.voucher;

import io.mikrobill.billing.Action;
import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.BillingRequest;
import io.mikrobill.billing.NotFoundException;
import io.mikrobill.billing.ProfileDirectory;
import io.mikrobill.billing.RefusedException;
import io.mikrobill.billing.RequestMeta;
import io.mikrobill.billing.Source;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.persistence.PendingVoucher;
import io.mikrobill.persistence.Voucher;
import io.mikrobill.persistence.VoucherLedger;
import io.mikrobill.persistence.VoucherState;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.ValidatedRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/**
 * {@code /api/vouchers}: a batch is generated (codes from a secure source, no look-alike
 * characters), written to the ledger as PENDING in one transaction, then each voucher is created
 * on the router as a hotspot user (user name and password = the code) exactly once, and marked
 * CREATED or FAILED with the reason. Revoking removes the user and marks the voucher REVOKED.
 *
 * <p>A code is a password: the requests that create and revoke it are keyed by the code's lookup
 * digest ({@link VoucherLedger#lookupKey}), not the code, so the outcome store never holds it. The
 * ledger keeps it sealed; {@link #list} is where it is read in clear.
 */
public final class VoucherApi {

  private static final int DEFAULT_CODE_LENGTH = 8;
  private static final int WINDOW = 256;

  private final RequestValidator validator;
  private final VoucherLedger ledger;
  private final RequestApplier applier;
  private final VoucherCodes codes;
  private final VoucherCounters counters;
  private final RouterRegistry routers;
  private final ProfileDirectory profiles;

  public VoucherApi(RequestValidator validator, VoucherLedger ledger, RequestApplier applier, VoucherCodes codes,
      VoucherCounters counters, RouterRegistry routers, ProfileDirectory profiles) {
    this.routers = routers;
    this.profiles = profiles;
    this.validator = validator;
    this.ledger = ledger;
    this.applier = applier;
    this.codes = codes;
    this.counters = counters;
  }

  /**
   * POST /api/vouchers: generates the batch, records it PENDING, creates each voucher on the
   * router once, and completes with the batch's summary ({@code created} and {@code failed}
   * counts, every voucher with its state).
   */
  public CompletableFuture<Map<String, Object>> create(Map<String, Object> body, RequestMeta meta) {
    Map<String, Object> asked = body == null ? Map.of() : body;
    String routerName = asked.get("router") == null ? "default" : String.valueOf(asked.get("router"));
    ValidatedRequest v = validator.forSource("http").validate("createVouchers", asked,
        profiles == null ? null : p -> profiles.exists(routerName, false, p));
    int count = Integer.parseInt(v.fields().get("count"));
    String profile = v.fields().get("profile");
    BigDecimal price = v.fields().get("price") == null ? BigDecimal.ZERO : new BigDecimal(v.fields().get("price"));
    String prefix = v.fields().getOrDefault("prefix", "").toUpperCase(Locale.ROOT);
    int length = v.fields().get("codeLength") == null ? DEFAULT_CODE_LENGTH : Integer.parseInt(v.fields().get("codeLength"));
    routers.get(v.router()); // an unknown router is refused before any voucher is generated
    if (prefix.length() + length < 8) {
      throw new IllegalArgumentException("prefix plus codeLength must be at least 8 characters: the code is also the password");
    }
    String batch = "b-" + UUID.randomUUID().toString().substring(0, 13);
    Set<String> generated = codes.generate(count, prefix, length);
    List<PendingVoucher> pending = new ArrayList<>();
    generated.forEach(c -> pending.add(new PendingVoucher(c, batch, profile, price, v.router())));
    ledger.insertPending(pending);

    // At most WINDOW creates in flight: a batch of 10,000 must not overflow the router's queues.
    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>();
    CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    List<String> codesInOrder = new ArrayList<>(generated);
    for (int from = 0; from < codesInOrder.size(); from += WINDOW) {
      List<String> wave = codesInOrder.subList(from, Math.min(codesInOrder.size(), from + WINDOW));
      List<CompletableFuture<Map<String, Object>>> waveResults = new ArrayList<>();
      CompletableFuture<Void> started = previous;
      for (String code : wave) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("username", code);
        fields.put("password", code);
        fields.put("profile", profile);
        fields.put("comment", "voucher " + batch);
        fields.put("router", v.router());
        BillingRequest request = new BillingRequest(Source.VOUCHER, ledger.lookupKey(code), Action.CREATE_HOTSPOT_USER.wireName(),
            fields, meta);
        waveResults.add(started.thenCompose(x -> applier.apply(request)).thenApply(r -> settle(code, price, r)));
      }
      results.addAll(waveResults);
      previous = CompletableFuture.allOf(waveResults.toArray(CompletableFuture[]::new));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Map<String, Object>> vouchers = results.stream().map(CompletableFuture::join).toList();
      long created = vouchers.stream().filter(m -> "CREATED".equals(m.get("state"))).count();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("batchId", batch);
      out.put("profile", profile);
      out.put("price", price);
      out.put("router", v.router());
      out.put("created", created);
      out.put("failed", count - created);
      out.put("vouchers", vouchers);
      return out;
    });
  }

  private Map<String, Object> settle(String code, BigDecimal price, ApplyResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    if (r.applied()) {
      if (ledger.markCreated(code, r.routerId())) {
        counters.created(price);
      }
      m.put("state", "CREATED");
      m.put("id", r.routerId());
    } else if (r.isTransient()) {
      // It may be on the router: the voucher stays PENDING (a revoke removes it either way).
      m.put("state", "PENDING");
      m.put("reason", r.reason());
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
    VoucherState s = state == null ? null : parseState(state);
    int limit = Math.min(1000, pageValue(exchange, "limit", 100, 1));
    int offset = pageValue(exchange, "offset", 0, 0);
    List<Map<String, Object>> out = new ArrayList<>();
    // A key limited to some routers sees only their vouchers (a page may then hold fewer than limit).
    io.mikrobill.security.Principal caller = io.mikrobill.http.Caller.of(exchange).principal();
    for (Voucher x : ledger.list(s, exchange.getMessage().getHeader("batch", String.class), limit, offset)) {
      if (!caller.mayUse(x.router())) {
        continue;
      }
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

  private static int pageValue(Exchange exchange, String name, int defaultValue, int min) {
    String raw = exchange.getMessage().getHeader(name, String.class);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(raw.strip());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new IllegalArgumentException(name + " must be a whole number of at least " + min);
  }

  private static VoucherState parseState(String state) {
    for (VoucherState s : VoucherState.values()) {
      if (s.name().equalsIgnoreCase(state.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("state must be one of " + Arrays.stream(VoucherState.values())
        .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }

  /** DELETE /api/vouchers/{code}: removes the user from the router, then marks the voucher revoked. */
  public void revoke(Exchange exchange) throws Exception {
    String code = io.mikrobill.http.PathValues.after(exchange, "vouchers").orElse(null);
    Voucher v = ledger.find(code == null ? "" : code)
        .orElseThrow(() -> new NotFoundException("no such voucher: " + code));
    io.mikrobill.http.Caller caller = io.mikrobill.http.Caller.of(exchange).requireRouter(v.router());
    if (v.state() != VoucherState.REVOKED) {
      ApplyResult r = applier.apply(new BillingRequest(Source.VOUCHER_REVOKE, ledger.lookupKey(code), Action.REMOVE_USER.wireName(),
          Map.of("username", code, "router", v.router(), "type", "hotspot"),
          io.mikrobill.billing.RequestMeta.of(null).withClient(caller.principal(), caller.address()))).get(2, TimeUnit.MINUTES);
      if (!r.applied() && r.kind() != ApplyResult.Kind.NOT_FOUND) {
        throw new RefusedException(r);
      }
    }
    if (ledger.revoke(code)) {
      counters.revoked();
    }
    exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
    exchange.getMessage().setBody("");
  }
}
