package io.mikrobill;

import io.mikrobill.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/** Starts the assembled application in-process for tests, with the given environment. */
public final class MikroBillTestAccess {

  private MikroBillTestAccess() {}

  public static AutoCloseable start(Path home, Map<String, String> env) throws Exception {
    MikroBillApplication app = new MikroBillApplication(home, new Settings(env, home));
    Main main = app.prepare();
    main.start();
    return () -> {
      main.stop();
      app.close();
    };
  }
}
