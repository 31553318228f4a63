package io.mikrobill.voucher;

import io.mikrobill.security.DataFolder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stays of an imported CSV file once its result is written: the drop folder's route moves the
 * file to {@code done/}, so before that the file is replaced, atomically, by a copy without its
 * passwords. With {@code CSV_KEEP_ORIGINAL=true} (the default) that is the original with every
 * password column (a header naming a password or secret) masked as {@value #MASK}; with {@code
 * false}, a copy of its result file.
 *
 * <p>Trap: a crash between the replacement and the route's move leaves the copy in the inbox, and
 * the next start takes it up. Its digest differs from the original's, so its rows would be new
 * requests (with the password {@value #MASK}). {@link #recognise} tells such a copy apart (every
 * password is {@value #MASK}, or the header is a result file's) and the import leaves it, and the
 * result already written, alone.
 */
final class KeptOriginals {

  static final String MASK = "***";

  /** The marker of a done folder whose earlier originals were masked. */
  static final String EARLIER_MASKED = ".passwords-masked";

  private static final Logger LOG = LoggerFactory.getLogger(KeptOriginals.class);

  private static final Pattern SECRET_COLUMN = Pattern.compile("(?i).*(pass|secret).*");

  /** What a file in the inbox is when MikroBill made it. */
  enum Kind {
    /** An imported original, its passwords masked. */
    MASKED("an imported file kept with its passwords masked"),
    /** The copy of an imported file's result kept in its place. */
    RESULT("a result file");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  private final boolean keepOriginal;
  private final Path dataDir;

  /** {@code dataDir}: the files made there are 0600 ({@link DataFolder#createFile}). */
  KeptOriginals(boolean keepOriginal, Path dataDir) {
    this.keepOriginal = keepOriginal;
    this.dataDir = dataDir;
  }

  /** Replaces the imported {@code original} by what is to be kept of it (in the same folder, mode 0600). */
  void replace(Path original, Path result) throws IOException {
    Path aside = original.resolveSibling("." + original.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      DataFolder.createFile(aside, dataDir);
      if (keepOriginal) {
        mask(original, aside);
      } else {
        Files.copy(result, aside, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(aside, original, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  /** The kind of copy {@code file} is, or empty for a file someone dropped (or one that is no CSV at all). */
  static Optional<Kind> recognise(Path file, List<String> resultHeader) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get().parse(in)) {
      List<Integer> secret = null;
      boolean masked = false;
      for (CSVRecord rec : parser) {
        if (secret == null) {
          if (rec.toList().equals(resultHeader)) {
            return Optional.of(Kind.RESULT);
          }
          secret = secretColumns(rec.toList());
          if (secret.isEmpty()) {
            return Optional.empty();
          }
          continue;
        }
        for (int i : secret) {
          if (i < rec.size()) {
            if (!MASK.equals(rec.get(i))) {
              return Optional.empty();
            }
            masked = true;
          }
        }
      }
      return masked ? Optional.of(Kind.MASKED) : Optional.empty();
    } catch (UncheckedIOException | IllegalStateException notCsv) {
      return Optional.empty();
    }
  }

  /**
   * Masks the originals an earlier version kept in {@code done} in clear, once per folder (a marker
   * file there remembers it, so a start does not read every kept file again). Files that are
   * already kept copies are left as they are, as is a file that is no CSV (with a warning).
   * Returns how many files were masked.
   */
  int maskEarlier(Path done, List<String> resultHeader) throws IOException {
    if (!Files.isDirectory(done) || Files.exists(done.resolve(EARLIER_MASKED))) {
      return 0;
    }
    int masked = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(done, "*.csv")) {
      for (Path f : files) {
        if (!Files.isRegularFile(f) || recognise(f, resultHeader).isPresent()) {
          continue;
        }
        try {
          new KeptOriginals(true, dataDir).replace(f, null);
          masked++;
        } catch (IOException | RuntimeException e) {
          LOG.warn("file={} kept by an earlier version could not be masked: {}", f, e.toString());
        }
      }
    }
    DataFolder.createFile(done.resolve(EARLIER_MASKED), dataDir);
    if (masked > 0) {
      LOG.info("folder={} files={} kept by an earlier version with their passwords: masked", done, masked);
    }
    return masked;
  }

  /**
   * Answers a kept copy found in the inbox, which is not imported again: dropped back by someone
   * (a result row 0 says why), or left there by a crash after it replaced the file (its result is
   * there already and stays). True when a refusal was written.
   */
  boolean answer(String name, Kind kind, Path result, List<String> resultHeader) throws IOException {
    if (Files.exists(result)) {
      LOG.info("file={} is {}: not imported again; result={} stays", name, kind.description, result);
      return false;
    }
    String reason = "this file is " + kind.description + " (a copy MikroBill kept of an imported file): not imported"
        + " again; drop the file as it was sent to import it";
    LOG.warn("file={} refused: {}", name, reason);
    Path tmp = result.resolveSibling(result.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      DataFolder.createFile(tmp, dataDir);
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
        out.printRecord(resultHeader);
        out.printRecord(List.of("0", "", "error", "", reason));
      }
      Files.move(tmp, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }

  /** Writes {@code original} to {@code target} with every value of a password column masked. */
  private static void mask(Path original, Path target) throws IOException {
    try (Reader in = Files.newBufferedReader(original, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(in);
        BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
        CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT)) {
      List<Integer> secret = null;
      for (CSVRecord rec : parser) {
        List<String> values = new ArrayList<>(rec.toList());
        if (secret == null) {
          secret = secretColumns(values);
        } else {
          for (int i : secret) {
            if (i < values.size()) {
              values.set(i, MASK);
            }
          }
        }
        out.printRecord(values);
      }
    }
  }

  private static List<Integer> secretColumns(List<String> header) {
    List<Integer> secret = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      if (SECRET_COLUMN.matcher(header.get(i).strip()).matches()) {
        secret.add(i);
      }
    }
    return secret;
  }
}
