package io.mikrobill.pipeline;

import io.mikrobill.cli.PrincipalCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Principals made with the {@code users} and {@code keys} commands, on the database of a stopped application in {@code home}. */
final class TestPrincipals {

  private TestPrincipals() {}

  /** Runs {@code keys create} and returns the key it printed. */
  static String createKey(Path home, String name, String role) {
    Result r = run(home, Map.of(), "key", "", "create", "--name", name, "--role", role);
    if (r.status() != 0) {
      throw new IllegalStateException("keys create failed: " + r.err());
    }
    return r.out().strip();
  }

  record Result(int status, String out, String err) {}

  static Result run(Path home, Map<String, String> extraEnv, String kind, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("MIKROBILL_HOME", home.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = PrincipalCommand.run(kind.equals("key") ? "key" : "person", args, env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
