package io.mikrobill.routeros.simulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated router's configuration kept in a file across restarts of its process: the
 * configuration menus (hotspot servers, profiles and users, PPP profiles and secrets, services),
 * each with its items and its next id, as a real router keeps them across a reboot. Sessions are
 * not kept. A change is written 200 ms later (changes in between are written together) and on
 * close, to a temporary file moved over the old one, so a crash leaves the last whole state.
 */
final class SavedState {

  private static final Logger LOG = LoggerFactory.getLogger(SavedState.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  record MenuState(long nextId, List<Map<String, String>> items) {}

  private final Path file;
  private final Map<String, Menu> menus = new LinkedHashMap<>();
  private final ScheduledExecutorService timer;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SavedState(Path file, RouterState state, ScheduledExecutorService timer) {
    this.file = file;
    this.timer = timer;
    for (Menu m : List.of(state.hotspotServers, state.hotspotProfiles, state.hotspotUsers, state.pppProfiles,
        state.pppSecrets, state.services)) {
      menus.put(m.path(), m);
    }
  }

  /** Loads the saved state into the menus; false when there is no file yet. */
  boolean load() {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      Map<String, MenuState> saved = JSON.readValue(file.toFile(), new TypeReference<Map<String, MenuState>>() {});
      saved.forEach((path, m) -> {
        Menu menu = menus.get(path);
        if (menu != null) {
          menu.restore(m.items(), m.nextId());
        }
      });
      LOG.info("simulator state loaded from {}", file);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator's state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the state after every change from now on. */
  void follow() {
    menus.values().forEach(m -> m.follow(null, item -> changed()));
  }

  private void changed() {
    if (scheduled.compareAndSet(false, true)) {
      timer.schedule(() -> {
        scheduled.set(false);
        save();
      }, 200, TimeUnit.MILLISECONDS);
    }
  }

  synchronized void save() {
    Map<String, MenuState> out = new LinkedHashMap<>();
    menus.forEach((path, m) -> out.put(path, new MenuState(m.nextId(), m.snapshot())));
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), out);
      try {
        // It holds the simulated router's users with their passwords, as a router's configuration does.
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // a file system without POSIX permissions
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("cannot save the simulator's state to {}: {}", file, e.toString());
    }
  }
}
