package io.mikrobill.persistence;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** A voucher about to be created on a router: what the ledger writes as PENDING. */
public record PendingVoucher(
    String code, String batchId, String profile, BigDecimal price, String currency, String router) {

  public static final String DEFAULT_CURRENCY = "USD";
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

  public PendingVoucher {
    InvalidValueException.require("code", code, 32);
    InvalidValueException.require("batchId", batchId, 64);
    InvalidValueException.require("profile", profile, 64);
    InvalidValueException.require("router", router, 64);
    currency = currency == null ? DEFAULT_CURRENCY : currency;
    if (!CURRENCY.matcher(currency).matches()) {
      throw new InvalidValueException(
          "currency must be three capital letters (ISO 4217), was '" + currency + "'");
    }
    if (price == null
        || price.signum() < 0
        || price.scale() > 2 && price.stripTrailingZeros().scale() > 2
        || price.compareTo(MAX_PRICE) > 0) {
      throw new InvalidValueException(
          "price must be between 0 and " + MAX_PRICE + " with at most 2 decimals, was " + price);
    }
  }

  public PendingVoucher(
      String code, String batchId, String profile, BigDecimal price, String router) {
    this(code, batchId, profile, price, DEFAULT_CURRENCY, router);
  }
}
