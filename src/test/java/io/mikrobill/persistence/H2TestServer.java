package io.mikrobill.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** H2 file databases in a temporary folder, one sub-folder per fresh database. */
final class H2TestServer implements TestDatabaseServer {

  private final Path root;
  private final AtomicInteger next = new AtomicInteger();

  H2TestServer() {
    try {
      root = Files.createTempDirectory("mikrobill-h2-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public DatabaseSettings freshDatabase() {
    return DatabaseSettings.from(name -> null, root.resolve("db" + next.incrementAndGet()));
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
