package io.mikrobill.routeros.simulator;

import io.mikrobill.routeros.protocol.LoginChallenge;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The login of one connection, per version.
 *
 * <ul>
 *   <li>6.43 and later (6.49, 7.19): {@code /login =name= =password=} gets {@code !done}; bad
 *       credentials {@code !trap =message=invalid user name or password (6)} then {@code !done}.
 *   <li>6.42: any {@code /login} without {@code =response=} (even one with a password, which
 *       pre-6.43 routers ignore) gets {@code !done =ret=<32 hex>}, a fresh challenge; then {@code
 *       /login =name= =response=00<md5(0 + password + challenge)>} gets {@code !done}, or {@code
 *       !trap =message=cannot log in} then {@code !done}.
 * </ul>
 *
 * The {@code refuse-login} fault answers every login as a wrong password.
 */
final class LoginFlow {

  private final SimulatedRouter router;
  private String challenge;

  LoginFlow(SimulatedRouter router) {
    this.router = router;
  }

  /** Answers one {@code /login}; returns true when the connection is now logged in. */
  boolean handle(Request req, CommandReplies out) {
    SimulatorOptions o = router.options;
    boolean refuse = router.faults.refuseLogin();
    if (router.version().challengeLogin()) {
      String response = req.attribute("response");
      if (response == null) {
        byte[] c = new byte[16];
        ThreadLocalRandom.current().nextBytes(c);
        challenge = HexFormat.of().formatHex(c);
        out.done(Map.of("ret", challenge));
        return false;
      }
      String expected = challenge == null ? null
          : LoginChallenge.response(o.password().getBytes(StandardCharsets.UTF_8), challenge);
      challenge = null;
      if (!refuse && o.user().equals(req.attribute("name")) && expected != null && constantTimeEquals(expected, response)) {
        out.done();
        return true;
      }
      out.trap(SimulatorTrap.NONE, "cannot log in");
      out.done();
      return false;
    }
    String password = req.attribute("password");
    if (!refuse && o.user().equals(req.attribute("name")) && password != null
        && constantTimeEquals(o.password(), password)) {
      out.done();
      return true;
    }
    out.trap(SimulatorTrap.NONE, "invalid user name or password (6)");
    out.done();
    return false;
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
