package io.mikrobill.http.schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The API's request and response bodies as the OpenAPI document describes them. */
public final class Schemas {

  private Schemas() {}

  /** POST /api/hotspot/users. */
  public record NewHotspotUser(String username, String password, String profile, String comment, String limitUptime,
      String limitBytesTotal, String server, String macAddress, String router, String priority) {}

  /** PATCH /api/hotspot/users/{username}: the fields to change. */
  public record HotspotUserChange(String password, String profile, String comment, String limitUptime,
      String limitBytesTotal, String server, String macAddress, String newUsername, String router, String priority) {}

  /** POST /api/pppoe/secrets. */
  public record NewPppoeSecret(String username, String password, String profile, String service, String localAddress,
      String remoteAddress, String comment, String router, String priority) {}

  /** PATCH /api/pppoe/secrets/{username}: the fields to change. */
  public record PppoeSecretChange(String password, String profile, String service, String localAddress,
      String remoteAddress, String comment, String newUsername, String router, String priority) {}

  /** 201 of a create. */
  public record Created(String id, String username, String router) {}

  /** 200 of a change, enable or disable. */
  public record Done(String status, String action, String username, String router) {}

  /** A hotspot user or PPPoE secret as the API reads it (RouterOS fields in the guide's names; no password). */
  public record User(String id, String username, String profile, String comment, String limitUptime,
      Long limitBytesTotal, String server, String macAddress, String service, String uptime, Long bytesIn,
      Long bytesOut, Boolean disabled) {}

  /** An active session. */
  public record Session(String id, String username, String address, String macAddress, String uptime, Long bytesIn,
      Long bytesOut) {}

  /** GET /api/sessions. */
  public record Sessions(List<Session> hotspot, List<Session> pppoe) {}

  /** A hotspot or PPP profile. */
  public record Profile(String id, String name, String rateLimit, String sessionTimeout, Long sharedUsers) {}

  /** GET /api/profiles. */
  public record Profiles(List<Profile> hotspot, List<Profile> pppoe) {}

  /** POST /api/profiles/sync: what was done per kind. */
  public record SyncResult(String router, Map<String, List<String>> hotspot, Map<String, List<String>> pppoe) {}

  /** POST /api/execute. */
  public record Execute(String command, List<String> args, String priority, Long timeout, String router) {}

  /** 200 of /api/execute. */
  public record Executed(List<Map<String, String>> records, String ret, Boolean empty) {}

  /** POST /api/vouchers. */
  public record NewVouchers(Integer count, String profile, String price, String prefix, Integer codeLength,
      String router) {}

  /** One voucher of a batch. */
  public record BatchVoucher(String code, String state, String id, String reason) {}

  /** 201/207 of POST /api/vouchers. */
  public record VoucherBatch(String batchId, String profile, BigDecimal price, String router, Long created,
      Long failed, List<BatchVoucher> vouchers) {}

  /** A voucher of the ledger. */
  public record Voucher(String code, String batchId, String profile, BigDecimal price, String currency, String router,
      String state, String id, String reason, String createdAt, String updatedAt) {}

  /** A field's problem in a validation error. */
  public record FieldProblem(String field, String code, String message) {}

  /** The error itself; {@code reference} names the server log line of an unexpected failure or of a detail left out. */
  public record ErrorDetail(String type, String message, String severity, List<String> recoverySuggestions,
      List<FieldProblem> fields, String reference) {}

  /** Every 4xx and 5xx answer. */
  public record Error(Integer status, ErrorDetail error) {}
}
