package io.mikrobill.cli;

import io.mikrobill.config.Settings;
import io.mikrobill.persistence.Database;
import io.mikrobill.persistence.DatabaseSettings;
import io.mikrobill.persistence.Principals;
import io.mikrobill.security.Passwords;
import io.mikrobill.security.PrincipalDirectory;
import io.mikrobill.security.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code users} and {@code keys}: manage MikroBill's principals on its database, with the
 * application stopped (the embedded H2 database is one process's) or running on PostgreSQL.
 * <pre>
 * users create --name N --role R      password from standard input (first line)
 * users list | disable --name N | enable --name N | rotate --name N (new password from standard input)
 * keys create --name N --role R [--routers a,b]   prints the key, once
 * keys list | disable --name N | enable --name N | rotate --name N (prints the new key, once)
 * </pre>
 * Lists print one JSON object a line. Exit status 0 done, 1 refused (a name taken, no such
 * principal, a short password, the database in use), 64 a bad command line.
 */
public final class PrincipalCommand {

  private PrincipalCommand() {}

  public static int users(String[] args) {
    return run(PrincipalDirectory.PERSON, args, System.getenv(), System.in, System.out, System.err);
  }

  public static int keys(String[] args) {
    return run(PrincipalDirectory.KEY, args, System.getenv(), System.in, System.out, System.err);
  }

  /** Runs one command; {@code env} gives DATA_DIR, DATABASE_URL... as the application reads them. */
  public static int run(String kind, String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    String noun = kind.equals(PrincipalDirectory.PERSON) ? "users" : "keys";
    if (args.length == 0 || args[0].equals("--help")) {
      usage(noun, args.length == 0 ? err : out);
      return args.length == 0 ? 64 : 0;
    }
    String verb = args[0];
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length || !Set.of("--name", "--role", "--routers").contains(a)) {
        err.println("mikrobill " + noun + ": unexpected argument '" + a + "'");
        usage(noun, err);
        return 64;
      }
      opts.put(a.substring(2), args[++i]);
    }
    boolean needsName = !verb.equals("list");
    if (!Set.of("create", "list", "disable", "enable", "rotate").contains(verb) || (needsName && !opts.containsKey("name"))
        || (verb.equals("create") && !opts.containsKey("role"))) {
      usage(noun, err);
      return 64;
    }
    Path home = Path.of(env.getOrDefault("MIKROBILL_HOME", ".")).toAbsolutePath().normalize();
    Settings settings = new Settings(env, home);
    Path data = home.resolve(settings.get("DATA_DIR", "data"));
    try (Database db = Database.open(DatabaseSettings.from(settings, data))) {
      db.migrate();
      Clock clock = Clock.systemUTC();
      PrincipalDirectory dir = new PrincipalDirectory(new Principals(db.dataSource(), clock), new Passwords(), clock);
      String name = opts.get("name");
      switch (verb) {
        case "list" -> dir.list(kind).forEach(m -> out.println(json(m)));
        case "disable", "enable" -> {
          dir.setDisabled(kind, name, verb.equals("disable"));
          out.println(name + (verb.equals("disable") ? " disabled" : " enabled"));
        }
        case "create" -> {
          Role role = Role.parse(opts.get("role"));
          if (kind.equals(PrincipalDirectory.PERSON)) {
            dir.createPerson(name, role, password(in));
            out.println("created user " + name + " (role " + role.wireName() + ")");
          } else {
            Set<String> routers = opts.containsKey("routers")
                ? new LinkedHashSet<>(Arrays.asList(opts.get("routers").split(","))) : Set.of();
            String key = dir.createKey(name, role, routers);
            err.println("created key " + name + " (role " + role.wireName() + (routers.isEmpty() ? "" : ", routers "
                + String.join(",", routers)) + "); it is shown once, here:");
            out.println(key);
          }
        }
        case "rotate" -> {
          if (kind.equals(PrincipalDirectory.PERSON)) {
            dir.rotatePassword(name, password(in));
            out.println("new password set for " + name + "; its sessions ended");
          } else {
            err.println("new key for " + name + "; the old one no longer works. It is shown once, here:");
            out.println(dir.rotateKey(name));
          }
        }
        default -> throw new IllegalStateException(verb);
      }
      return 0;
    } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
      err.println("mikrobill " + noun + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("mikrobill " + noun + ": " + e.getMessage());
      return 1;
    }
  }

  private static String json(Map<String, Object> m) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String password(InputStream in) {
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("give the password on standard input (one line)");
      }
      return line;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the password from standard input: " + e.getMessage());
    }
  }

  private static void usage(String noun, PrintStream s) {
    if (noun.equals("users")) {
      s.println("usage: mikrobill users create --name N --role admin|operator|billing|monitor   (password on standard input)");
      s.println("       mikrobill users list | disable --name N | enable --name N | rotate --name N (new password on standard input)");
    } else {
      s.println("usage: mikrobill keys create --name N --role admin|operator|billing|monitor [--routers a,b]   (prints the key once)");
      s.println("       mikrobill keys list | disable --name N | enable --name N | rotate --name N (prints the new key once)");
    }
  }
}
