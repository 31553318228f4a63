package io.mikrobill.voucher;

import io.mikrobill.billing.Action;
import io.mikrobill.billing.ApplyResult;
import io.mikrobill.billing.BillingRequest;
import io.mikrobill.billing.Digests;
import io.mikrobill.billing.Refusals;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.billing.RequestMeta;
import io.mikrobill.billing.Source;
import io.mikrobill.routeros.flow.Priority;
import io.mikrobill.security.DataFolder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one CSV voucher file: {@code username,password,profile,limit_uptime,limit_bytes_total,price,comment}.
 * Rows are streamed (constant memory whatever the file's size), each validated and applied once:
 * its key is the file's SHA-256 and the row number, so the same file dropped again, or a file
 * taken up again after a crash, applies no row twice and skips none. Up to {@code window} rows are
 * in flight at once; the result file lists every row in order, {@code ok} with the router's .id or
 * {@code error} with the reason, and appears atomically when the file is done (0600 in the data folder; it never
 * holds a password). The file itself is then replaced by what is to be kept of it ({@link
 * KeptOriginals}: its passwords masked, or its result), which the route moves to {@code done/}.
 */
public final class CsvVoucherImport {

  /** Who the drop folder's requests are from, on the typed request: whoever may write to the folder. */
  private static final io.mikrobill.security.Principal SOURCE = io.mikrobill.security.Principal.system("csv");

  private static final Logger LOG = LoggerFactory.getLogger(CsvVoucherImport.class);
  static final List<String> HEADER = List.of("username", "password", "profile", "limit_uptime", "limit_bytes_total", "price", "comment");
  private static final List<String> RESULT_HEADER = List.of("row", "username", "status", "id", "reason");

  private final RequestApplier applier;
  private final VoucherBook book;
  private final Path outbox;
  private final int window;
  private final String router;
  private final int maxRetries;
  private final KeptOriginals kept;
  private final Path dataDir;
  private final java.util.concurrent.atomic.AtomicLong files = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();

  /**
   * @param keepOriginal {@code CSV_KEEP_ORIGINAL}: true keeps the imported file with its passwords
   *     masked, false keeps a copy of its result in its place
   * @param dataDir the data folder: result files and kept copies made there are 0600
   */
  public CsvVoucherImport(RequestApplier applier, VoucherBook book, Path outbox, int window, String router, int maxRetries,
      boolean keepOriginal, Path dataDir) {
    this.maxRetries = maxRetries;
    this.dataDir = dataDir;
    this.kept = new KeptOriginals(keepOriginal, dataDir);
    this.applier = applier;
    this.book = book;
    this.outbox = outbox;
    this.window = window;
    this.router = router;
  }

  /**
   * Masks the passwords of the originals an earlier version kept in clear in {@code done} (the
   * route's done folder); once per folder. Returns how many files were masked.
   */
  public int maskEarlierOriginals(Path done) throws IOException {
    return kept.maskEarlier(done, RESULT_HEADER);
  }

  /** Files this instance has imported. */
  public long filesImported() {
    return files.get();
  }

  /** Rows of those files. */
  public long rowsImported() {
    return rows.get();
  }

  /** Route step of vouchers-csv: the exchange's body is the dropped file. */
  public void process(org.apache.camel.Exchange exchange) throws IOException, InterruptedException {
    org.apache.camel.component.file.GenericFile<?> file = exchange.getMessage().getBody(org.apache.camel.component.file.GenericFile.class);
    Path path = Path.of(file.getAbsoluteFilePath());
    Summary s = importFile(path, file.getFileNameOnly());
    exchange.getMessage().setHeader("MikroBillRowsOk", s.ok());
    exchange.getMessage().setHeader("MikroBillRowsError", s.error());
  }

  /** Imports {@code file} (named {@code name}); returns the counts. */
  public Summary importFile(Path file, String name) throws IOException, InterruptedException {
    String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    Files.createDirectories(outbox);
    Path result = outbox.resolve(base + ".result.csv");
    Optional<KeptOriginals.Kind> copy = KeptOriginals.recognise(file, RESULT_HEADER);
    if (copy.isPresent()) {
      Summary left = new Summary();
      left.error = kept.answer(name, copy.get(), result, RESULT_HEADER) ? 1 : 0;
      return left;
    }
    String digest = Digests.sha256Hex(file);
    // Unique per import: another instance that took the file over never writes the same temporary file.
    Path tmp = outbox.resolve(base + ".result.csv." + java.util.UUID.randomUUID() + ".tmp");
    Summary summary = new Summary();
    try {
      DataFolder.createFile(tmp, dataDir);
      writeResult(file, name, digest, tmp, summary);
      Files.move(tmp, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    try {
      kept.replace(file, result);
    } catch (IOException | RuntimeException e) {
      LOG.warn("file={} imported, but what is kept of it could not be made (its passwords are not masked): {}", name, e.toString());
    }
    files.incrementAndGet();
    rows.addAndGet(summary.ok + summary.error);
    LOG.info("file={} done rows={} ok={} error={} result={}", name, summary.ok + summary.error, summary.ok, summary.error, result);
    return summary;
  }

  private void writeResult(Path file, String name, String digest, Path tmp, Summary summary)
      throws IOException, InterruptedException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get().parse(in);
        BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
      out.printRecord(RESULT_HEADER);
      List<String> header = parser.getHeaderNames();
      if (header.containsAll(List.of("username", "password"))) {
        importRows(parser, out, summary, digest, name);
      } else {
        // The whole file is refused, with its reason in the result file the sender reads.
        String reason = "the header must be " + String.join(",", HEADER) + " (username and password at least), was "
            + (header.isEmpty() ? "empty" : String.join(",", header));
        // Not the header itself: a file without one has its first row (a password) there.
        LOG.warn("file={} refused: its header lacks username or password columns={}", name, header.size());
        out.printRecord(List.of("0", "", "error", "", reason));
        summary.error++;
        out.flush();
      }
    }
  }

  private void importRows(CSVParser parser, CSVPrinter out, Summary summary, String digest, String name)
      throws IOException, InterruptedException {
    Ordered ordered = new Ordered(out, summary);
    Semaphore slots = new Semaphore(window);
    long rowNo = 0;
    for (CSVRecord rec : parser) {
      long row = ++rowNo;
      slots.acquire();
      Map<String, Object> fields = fields(rec);
      BigDecimal price;
      CompletableFuture<ApplyResult> f;
      try {
        price = price(rec);
        BillingRequest request = new BillingRequest(Source.CSV, digest + ":" + row, Action.CREATE_HOTSPOT_USER.wireName(), fields,
            RequestMeta.of(Priority.NORMAL).withPrice(price).withClient(SOURCE, null));
        f = applyWithRetry(request, 0);
      } catch (RuntimeException e) {
        price = BigDecimal.ZERO;
        f = CompletableFuture.completedFuture(Refusals.classify(e));
      }
      BigDecimal rowPrice = price;
      f.whenComplete((r, e) -> {
        try {
          ApplyResult res = e != null ? Refusals.classify(e) : r;
          if (res.applied()) {
            recordVoucher(fields, rowPrice, digest, res);
          }
          ordered.done(row, String.valueOf(fields.get("username")), res, (String) fields.get("password"));
        } finally {
          slots.release();
        }
      });
      if (row % 1000 == 0) {
        LOG.info("file={} rows={} ok={} error={}", name, row, summary.ok, summary.error);
      }
    }
    if (!slots.tryAcquire(window, 10, TimeUnit.MINUTES)) {
      throw new IOException("file " + name + ": rows still in flight after 10 minutes");
    }
    ordered.flushAll();
  }

  /**
   * A row whose router is unreachable waits and is tried again (1 s, 2 s, 4 s... up to 30 s
   * apart) for up to {@code maxRetries} tries: files wait while a router is down; only then is the
   * row reported as an error, and its key stays open so the same file dropped again retries it.
   */
  private CompletableFuture<ApplyResult> applyWithRetry(BillingRequest request, int attempt) {
    return applier.apply(request).thenCompose(r -> {
      if (!r.isTransient()) {
        return CompletableFuture.completedFuture(r);
      }
      if (attempt >= maxRetries) {
        return applier.giveUp(request, r);
      }
      long delay = Math.min(30_000L, 1000L << Math.min(attempt, 5));
      return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS))
          .thenCompose(v -> applyWithRetry(request, attempt + 1));
    });
  }

  private void recordVoucher(Map<String, Object> fields, BigDecimal price, String digest, ApplyResult res) {
    try {
      book.created(String.valueOf(fields.get("username")), "csv-" + digest.substring(0, 16),
          String.valueOf(fields.getOrDefault("profile", "default")), price, router, res.routerId());
    } catch (RuntimeException e) {
      LOG.warn("voucher={} applied but not recorded in the ledger: {}", fields.get("username"), e.toString());
    }
  }

  private Map<String, Object> fields(CSVRecord rec) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("router", router);
    put(f, "username", rec, "username");
    put(f, "password", rec, "password");
    put(f, "profile", rec, "profile");
    put(f, "limitUptime", rec, "limit_uptime");
    put(f, "limitBytesTotal", rec, "limit_bytes_total");
    put(f, "comment", rec, "comment");
    return f;
  }

  /** The row's price (not a router field: it goes to the ledger); zero when the column is empty or absent. */
  private static BigDecimal price(CSVRecord rec) {
    if (!rec.isMapped("price") || !rec.isSet("price") || rec.get("price").isBlank()) {
      return BigDecimal.ZERO;
    }
    io.mikrobill.validation.Verdict v = io.mikrobill.validation.Rules.price(rec.get("price"));
    if (!v.accepted()) {
      throw new io.mikrobill.validation.ValidationException(Action.CREATE_HOTSPOT_USER.wireName(),
          List.of(new io.mikrobill.validation.FieldError("price", "price", "price: " + v.message())));
    }
    return new BigDecimal(v.value());
  }

  private static void put(Map<String, Object> f, String key, CSVRecord rec, String column) {
    if (rec.isMapped(column) && rec.isSet(column) && !rec.get(column).isEmpty()) {
      f.put(key, rec.get(column));
    }
  }


  /** Counts of a finished file. */
  public static final class Summary {
    volatile long ok;
    volatile long error;

    public long ok() {
      return ok;
    }

    public long error() {
      return error;
    }
  }

  /** Writes results in row order although rows finish in any order; holds at most a window of lines. */
  private static final class Ordered {
    private final CSVPrinter out;
    private final Summary summary;
    private final TreeMap<Long, List<String>> pending = new TreeMap<>();
    private long next = 1;

    Ordered(CSVPrinter out, Summary summary) {
      this.out = out;
      this.summary = summary;
    }

    /** A row's line; its password is masked should any reason quote it (none is meant to). */
    synchronized void done(long row, String username, ApplyResult r, String password) {
      if (r.applied()) {
        summary.ok++;
      } else {
        summary.error++;
      }
      String reason = r.reason() == null ? "" : r.reason();
      if (password != null && password.length() >= 4) {
        reason = reason.replace(password, KeptOriginals.MASK);
      }
      pending.put(row, List.of(String.valueOf(row), username, r.applied() ? "ok" : "error",
          r.routerId() == null ? "" : r.routerId(), reason));
      flushReady();
    }

    private void flushReady() {
      while (!pending.isEmpty() && pending.firstKey() == next) {
        try {
          out.printRecord(pending.pollFirstEntry().getValue());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        next++;
      }
    }

    synchronized void flushAll() throws IOException {
      flushReady();
      out.flush();
    }
  }
}
