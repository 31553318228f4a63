package io.mikrobill;

import io.mikrobill.config.Settings;
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

    /** Creates an API key in the running application, as an admin would, and returns it. */
    public String key(String name, String role) {
      return context().getRegistry().lookupByNameAndType("principals", io.mikrobill.security.PrincipalDirectory.class)
          .createKey(name, io.mikrobill.security.Role.parse(role), java.util.Set.of());
    }

    @Override
    public void close() {
      main.stop();
      app.close();
    }
  }

  public static Started start(Path home, Map<String, String> env) throws Exception {
    MikroBillApplication app = new MikroBillApplication(home, new Settings(env, home));
    Main main = app.prepare();
    main.start();
    return new Started(main, app);
  }
}
