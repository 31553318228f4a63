package io.mikrobill;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * The {@code run} command: Camel Main with the YAML routes and kamelets read from the file system
 * of the folder it runs in, so integrators change them without rebuilding.
 */
public final class MikroBillApplication {

  private MikroBillApplication() {}

  static int run(String[] args) {
    Path home = Path.of(System.getenv().getOrDefault("MIKROBILL_HOME", ".")).toAbsolutePath().normalize();
    if (!Files.isDirectory(home.resolve("routes"))) {
      System.err.println("mikrobill: no routes/ folder in " + home
          + "; run from the folder that holds routes/ and kamelets/, or set MIKROBILL_HOME to it");
      return 2;
    }
    Main main = new Main();
    main.addInitialProperty("camel.main.routes-include-pattern", home.resolve("routes").toUri() + "*.yaml");
    try {
      return main.run(args);
    } catch (Exception e) {
      System.err.println("mikrobill: " + e.getMessage());
      return 1;
    }
  }
}
