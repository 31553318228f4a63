package io.mikrobill.security;

import io.mikrobill.persistence.Principals;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * MikroBill's principals: people (name, role, Argon2id password hash) and API keys (name, role,
 * optional routers, SHA-256 of the key), created, listed, disabled and rotated by the CLI and the
 * admin endpoints, and checked by the HTTP edge and the broker. A secret is shown once, when it is
 * made, and never again.
 */
public final class PrincipalDirectory implements Credentials {

  public static final String PERSON = "person";
  public static final String KEY = "key";
  private static final String NAME = "[A-Za-z0-9@._-]{1,64}";
  private static final String ROUTER = "[A-Za-z0-9_-]{1,32}";

  private final Principals store;
  private final Passwords passwords;
  private final Clock clock;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  /** Verified against when a login names nobody, so an unknown name costs what a known one does. */
  private final String decoy;

  public PrincipalDirectory(Principals store, Passwords passwords, Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.clock = clock;
    this.decoy = passwords.hash(Passwords.random(20));
  }

  /** Called with a principal's name whenever it is disabled, enabled or rotated, so caches drop it. */
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** A principal of that name exists already (people and keys share one name space). */
  public static final class Duplicate extends IllegalArgumentException {
    Duplicate(String name) {
      super("a principal named '" + name + "' exists already");
    }
  }

  public boolean isEmpty() {
    return store.count() == 0;
  }

  public void createPerson(String name, Role role, String password) {
    checkName(name);
    checkPassword(password);
    if (!store.create(name, PERSON, role.wireName(), null, passwords.hash(password))) {
      throw new Duplicate(name);
    }
  }

  /** Creates an API key and returns it: the only time it is shown. */
  public String createKey(String name, Role role, Set<String> routers) {
    checkName(name);
    String key = Tokens.newKey();
    if (!store.create(name, KEY, role.wireName(), routers(routers), Tokens.hash(key))) {
      throw new Duplicate(name);
    }
    return key;
  }

  /** The people or the keys ({@code kind} person or key), without secrets. */
  public List<Map<String, Object>> list(String kind) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Principals.Row r : store.list(kind)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("role", r.role());
      if (KEY.equals(kind)) {
        m.put("routers", r.routers() == null ? List.of() : List.of(r.routers().split(",")));
      }
      m.put("disabled", r.disabled());
      m.put("createdAt", String.valueOf(r.createdAt()));
      m.put("lastUsedAt", r.lastUsedAt() == null ? null : r.lastUsedAt().toString());
      out.add(m);
    }
    return out;
  }

  public void setDisabled(String kind, String name, boolean disabled) {
    existing(kind, name);
    store.setDisabled(name, disabled);
    listeners.forEach(l -> l.accept(name));
  }

  public void rotatePassword(String name, String password) {
    existing(PERSON, name);
    checkPassword(password);
    store.replaceSecret(name, passwords.hash(password));
    listeners.forEach(l -> l.accept(name));
  }

  /** Replaces a key and returns the new one: the old one stops working at once. */
  public String rotateKey(String name) {
    existing(KEY, name);
    String key = Tokens.newKey();
    store.replaceSecret(name, Tokens.hash(key));
    listeners.forEach(l -> l.accept(name));
    return key;
  }

  /** The person, when the password is theirs and they are not disabled. Costs one Argon2id hash whatever the answer. */
  public Optional<Principal> checkPassword(String name, String password) {
    Optional<Principals.Row> row = name == null || !name.matches(NAME) ? Optional.empty() : store.find(name)
        .filter(r -> PERSON.equals(r.kind()));
    boolean ok = passwords.verify(password == null ? "" : password, row.map(Principals.Row::secretHash).orElse(decoy));
    return ok && row.isPresent() && !row.get().disabled() ? row.map(PrincipalDirectory::principal) : Optional.empty();
  }

  /** The key's principal, when it exists and is not disabled. */
  public Optional<Principal> checkKey(String key) {
    if (key == null || !key.startsWith(Tokens.KEY_PREFIX) || key.length() > 100) {
      return Optional.empty();
    }
    return store.findBySecretHash(Tokens.hash(key)).filter(r -> KEY.equals(r.kind()) && !r.disabled())
        .map(PrincipalDirectory::principal);
  }

  /** The named principal as it is now (disabled ones give empty). */
  public Optional<Principal> find(String name) {
    return store.find(name).filter(r -> !r.disabled()).map(PrincipalDirectory::principal);
  }

  /** For protocols with a login of their own (the broker): a key's name and the key, or a person's name and password. */
  @Override
  public Optional<Principal> check(String login, String secret) {
    if (secret != null && secret.startsWith(Tokens.KEY_PREFIX)) {
      return checkKey(secret).filter(p -> p.name().equals(login));
    }
    return checkPassword(login, secret);
  }

  public void touch(String name) {
    store.touch(name, clock.instant());
  }

  private void existing(String kind, String name) {
    if (store.find(name).filter(r -> kind.equals(r.kind())).isEmpty()) {
      throw new java.util.NoSuchElementException("no " + (PERSON.equals(kind) ? "user" : "key") + " named '" + name + "'");
    }
  }

  private static Principal principal(Principals.Row r) {
    Set<String> routers = r.routers() == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(r.routers().split(",")));
    return new Principal(r.name(), KEY.equals(r.kind()) ? Principal.Kind.KEY : Principal.Kind.PERSON, Role.parse(r.role()), routers);
  }

  private static String routers(Set<String> routers) {
    if (routers == null || routers.isEmpty()) {
      return null;
    }
    for (String r : routers) {
      if (!r.matches(ROUTER)) {
        throw new IllegalArgumentException("router names are 1 to 32 letters, digits, '-' or '_', was '" + r + "'");
      }
    }
    return String.join(",", routers);
  }

  private static void checkName(String name) {
    if (name == null || !name.matches(NAME)) {
      throw new IllegalArgumentException("name must be 1 to 64 letters, digits or @._-");
    }
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < 12 || password.length() > 256) {
      throw new IllegalArgumentException("password must be 12 to 256 characters");
    }
  }
}
