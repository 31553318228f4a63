package io.mikrobill;

import io.mikrobill.config.Settings;
import io.mikrobill.security.Credentials;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** Starts the assembled application in-process for tests, with the given environment. */
public final class MikroBillTestAccess {

  private MikroBillTestAccess() {}

  /** A started application: its Camel context, and stop. */
  public record Started(Main main, MikroBillApplication app) implements AutoCloseable {
    public CamelContext context() {
      return main.getCamelContext();
    }

    @Override
    public void close() {
      main.stop();
      app.close();
    }
  }

  public static Started start(Path home, Map<String, String> env) throws Exception {
    return start(home, env, null);
  }

  /** As {@link #start(Path, Map)}, with the principals the embedded broker lets in (null: the default). */
  public static Started start(Path home, Map<String, String> env, Credentials brokerCredentials) throws Exception {
    MikroBillApplication app = new MikroBillApplication(home, new Settings(env, home));
    if (brokerCredentials != null) {
      app.brokerCredentials(brokerCredentials);
    }
    Main main = app.prepare();
    main.start();
    return new Started(main, app);
  }
}
