package io.mikrobill;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.mikrobill.billing.DatabaseOutcomes;
import io.mikrobill.billing.ProfileDirectory;
import io.mikrobill.billing.RequestApplier;
import io.mikrobill.jms.BreakerPausePolicy;
import io.mikrobill.jms.BrokerSettings;
import io.mikrobill.jms.EmbeddedBroker;
import io.mikrobill.jms.JmsBillingRequests;
import io.mikrobill.persistence.Database;
import io.mikrobill.persistence.DatabaseSettings;
import io.mikrobill.persistence.FileLocks;
import io.mikrobill.persistence.RequestOutcomes;
import io.mikrobill.persistence.SecurityEvents;
import io.mikrobill.persistence.Principals;
import io.mikrobill.persistence.VoucherLedger;
import io.mikrobill.security.Authenticator;
import io.mikrobill.security.ExecutePolicy;
import io.mikrobill.security.FirstAdmin;
import io.mikrobill.security.Passwords;
import io.mikrobill.security.PrincipalDirectory;
import io.mikrobill.security.SecurityEventLog;
import io.mikrobill.security.SecuritySettings;
import io.mikrobill.validation.RequestValidator;
import io.mikrobill.validation.SecurityEventSink;
import io.mikrobill.validation.ValidationSettings;
import io.mikrobill.voucher.CsvVoucherImport;
import io.mikrobill.voucher.LedgerVoucherBook;
import io.mikrobill.voucher.VoucherApi;
import io.mikrobill.voucher.VoucherCodes;
import io.mikrobill.voucher.VoucherCounters;
import io.mikrobill.camel.RouterOsComponent;
import io.mikrobill.config.Settings;
import io.mikrobill.http.ApiHeaderFilter;
import io.mikrobill.http.HttpApi;
import io.mikrobill.http.AdminApi;
import io.mikrobill.http.AuthApi;
import io.mikrobill.http.HttpFallback;
import io.mikrobill.http.HttpGate;
import io.mikrobill.http.HttpReads;
import io.mikrobill.http.HttpTransport;
import io.mikrobill.http.HttpResponses;
import io.mikrobill.monitoring.MicrometerPoolMetrics;
import io.mikrobill.monitoring.Monitoring;
import io.mikrobill.monitoring.RouterMetrics;
import io.mikrobill.routeros.router.RouterConfiguration;
import io.mikrobill.routeros.router.RouterRegistry;
import io.mikrobill.routeros.simulator.RouterOsSimulator;
import io.mikrobill.routeros.simulator.SimulatorOptions;
import io.mikrobill.security.DataFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code run} command: Camel Main with the YAML routes and kamelets read from the file system
 * of the folder it runs in, so integrators change them without rebuilding. Before Camel starts it
 * builds what the routes use: the routers (or, with no {@code MIKROTIK_HOST}, an embedded
 * simulator as router {@code default}), the metrics registry and the beans the routes call.
 * Everything it starts is closed in reverse order when Camel stops.
 */
public final class MikroBillApplication {

  private static final Logger LOG = LoggerFactory.getLogger(MikroBillApplication.class);

  private final Path home;
  private final Settings settings;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private String simulatorNotice;

  MikroBillApplication(Path home, Settings settings) {
    this.home = home;
    this.settings = settings;
  }

  static int run(String[] args) {
    Path home = Path.of(System.getenv().getOrDefault("MIKROBILL_HOME", ".")).toAbsolutePath().normalize();
    if (!Files.isDirectory(home.resolve("routes")) || !Files.isDirectory(home.resolve("kamelets"))) {
      System.err.println("mikrobill: no routes/ and kamelets/ folders in " + home
          + "; run from the folder that holds them (the repository root), or set MIKROBILL_HOME to it");
      return 2;
    }
    MikroBillApplication app = new MikroBillApplication(home, new Settings(System.getenv(), home));
    try {
      Main main = app.prepare();
      return main.run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("mikrobill: bad setting: " + e.getMessage());
      app.close();
      return 2;
    } catch (Exception e) {
      System.err.println("mikrobill: " + e.getMessage());
      app.close();
      return 1;
    }
  }

  /** Builds the routers and beans and returns a Camel Main ready to run. */
  Main prepare() throws Exception {
    HttpTransport transport = HttpTransport.from(settings.reader(), home);
    Path data = DataFolder.create(home.resolve(settings.get("DATA_DIR", "data")));
    // First: a second instance on the same data folder is refused before it starts anything.
    Database db = Database.open(DatabaseSettings.from(settings, data));
    closeables.push(db);
    db.migrate();
    startEmbeddedSimulatorIfNeeded();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RouterRegistry routers = RouterRegistry.fromConfiguration(new RouterConfiguration(settings), new MicrometerPoolMetrics(metrics));
    closeables.push(routers);
    routers.start().get(settings.reader().integer("ROUTER_START_TIMEOUT", 15_000, 1, Integer.MAX_VALUE), java.util.concurrent.TimeUnit.MILLISECONDS);

    RouterMetrics routerMetrics = new RouterMetrics(routers, metrics);
    closeables.push(routerMetrics);
    routerMetrics.start(Duration.ofMillis(settings.reader().integer("METRICS_POLL_INTERVAL", 30_000, 1, Integer.MAX_VALUE)));

    Main main = new Main();
    main.addOverrideProperty("camel.main.routes-include-pattern", home.resolve("routes").toUri() + "*.yaml");
    main.addOverrideProperty("camel.component.kamelet.location", home.resolve("kamelets").toUri().toString());
    main.addOverrideProperty("camel.server.port", String.valueOf(settings.integer("PORT", 3000)));
    main.addOverrideProperty("camel.server.host", transport.host());
    if (transport.tls().isPresent()) {
      main.addOverrideProperty("camel.server.useGlobalSslContextParameters", "true");
    }
    (transport.isExpired() ? LOG.atWarn() : LOG.atInfo()).log("http {}", transport.describe());
    main.bind("routerRegistry", routers);
    main.bind("prometheusRegistry", metrics);
    main.bind("monitoring", new Monitoring(routers, metrics, simulatorNotice));
    VoucherLedger ledger = new VoucherLedger(db.dataSource(), db.secrets());
    SecurityEvents security = new SecurityEvents(db.dataSource());
    Counter securityEvents = Counter.builder("mikrotik_security_events_total").register(metrics);
    java.time.Clock clock = java.time.Clock.systemUTC();
    Principals principalRows = new Principals(db.dataSource(), clock);
    PrincipalDirectory principals = new PrincipalDirectory(principalRows, new Passwords(), clock);
    FirstAdmin.ensure(principals, data, settings.apply("ADMIN_PASSWORD"));
    SecuritySettings securitySettings = SecuritySettings.from(settings.reader());
    Authenticator authenticator = new Authenticator(principals, principalRows, securitySettings, clock);
    SecurityEventLog refusals = new SecurityEventLog(security, securityEvents::increment);
    closeables.push(refusals);
    main.bind("auth", new AuthApi(authenticator, refusals));
    main.bind("admin", new AdminApi(principals, routers::contains,
        () -> String.join(", ", routers.all().stream().map(io.mikrobill.routeros.router.Router::name).sorted().toList())));
    main.bind("principals", principals);
    main.bind("securityEvents", security);
    SecurityEventSink sink = (finding, source) -> {
      securityEvents.increment();
      security.record(source, finding.kind().wireName(), finding.field(), finding.detail());
    };
    RequestValidator validator = new RequestValidator(ValidationSettings.from(settings), sink, "http");
    DatabaseOutcomes outcomes = new DatabaseOutcomes(new RequestOutcomes(db.dataSource(), db.secrets()));
    ProfileDirectory profiles = new ProfileDirectory(routers);
    RequestApplier applier = new RequestApplier(routers, validator, profiles, outcomes);
    main.bind("httpResponses", new HttpResponses());
    main.bind("apiHeaderFilter", new ApiHeaderFilter());
    // Camel 4.18's platform-http runs each HTTP exchange on a Vert.x worker thread until it is
    // answered: HTTP_WORKER_THREADS bounds the HTTP requests in flight (and their threads). The
    // steps behind it are asynchronous, so the CSV and JMS sources hold no thread per command.
    int workers = settings.reader().integer("HTTP_WORKER_THREADS", 20, 1, 1000);
    main.bind("vertxOptions", new io.vertx.core.VertxOptions().setWorkerPoolSize(workers));
    main.addOverrideProperty("camel.component.platform-http.header-filter-strategy", "#apiHeaderFilter");
    io.mikrobill.billing.ProfileSync profileSync = new io.mikrobill.billing.ProfileSync(routers, validator,
        home.resolve(settings.get("PROFILES_FILE", "profiles.json")));
    VoucherCounters voucherCounters = voucherCounters(metrics);
    VoucherApi vouchers = new VoucherApi(validator, ledger, applier, new VoucherCodes(), voucherCounters, routers, profiles);
    main.bind("vouchers", vouchers);
    main.bind("api", new HttpApi(applier, outcomes, vouchers));
    main.bind("reads", new HttpReads(routers, new ExecutePolicy(securitySettings.executeAllow()), profileSync));

    if (settings.apply(BrokerSettings.ENV_DATA_DIR) == null) {
      settings.override(BrokerSettings.ENV_DATA_DIR, data.resolve("artemis").toString());
    }
    if (settings.apply(BrokerSettings.ENV_PASSWORD_FILE) == null) {
      settings.override(BrokerSettings.ENV_PASSWORD_FILE, data.resolve("broker-password").toString());
    }
    BrokerSettings brokerSettings = BrokerSettings.from(settings);
    jakarta.jms.ConnectionFactory cf;
    if (brokerSettings.url().isPresent()) {
      cf = EmbeddedBroker.connectionFactoryFor(brokerSettings);
    } else {
      EmbeddedBroker broker = new EmbeddedBroker(brokerSettings,
          new io.mikrobill.security.LockedOutCredentials(authenticator, refusals, "broker")).start();
      closeables.push(broker);
      cf = broker.connectionFactory();
    }
    main.bind("jmsConnectionFactory", cf);
    main.addOverrideProperty("camel.component.jms.connection-factory", "#jmsConnectionFactory");
    main.addOverrideProperty("BILLING_QUEUE", brokerSettings.queue());
    main.addOverrideProperty("VOUCHER_INBOX", settings.get("VOUCHER_INBOX", data.resolve("inbox/vouchers").toString()));
    main.bind("fileLockRepository", new FileLocks(db.dataSource(), "vouchers-csv-files",
        Duration.ofMillis(settings.reader().integer("FILE_LOCK_EXPIRY", 60_000, 1, Integer.MAX_VALUE)),
        Duration.ofMillis(settings.reader().integer("FILE_LOCK_MAX_AGE", 86_400_000, 1, Integer.MAX_VALUE)), java.time.Clock.systemUTC()));
    main.bind("breakerPause", new BreakerPausePolicy(routers));
    Path outbox = Path.of(settings.get("VOUCHER_OUTBOX", data.resolve("outbox/vouchers").toString()));
    main.addMainListener(new MainListenerSupport() {
      @Override
      public void beforeConfigure(BaseMainSupport m) {
        CamelContext context = m.getCamelContext();
        RouterOsComponent.bind(context, routers);
        transport.tls().ifPresent(context::setSSLContextParameters);
        HttpFallback.install(context, settings.integer("PORT", 3000));
        HttpGate.install(context, settings.integer("PORT", 3000), authenticator, refusals);
        CsvVoucherImport csv = new CsvVoucherImport(applier, new LedgerVoucherBook(ledger, voucherCounters), outbox,
            settings.reader().integer("CSV_WINDOW", 16, 1, 10_000), settings.get("CSV_ROUTER", "default"), settings.reader().integer("CSV_MAX_RETRIES", 8, 0, 1000),
            settings.reader().bool("CSV_KEEP_ORIGINAL", true), data);
        maskEarlierOriginals(csv, data);
        context.getRegistry().bind("csvVouchers", csv);
        FunctionCounter.builder("mikrotik_csv_files_imported", csv, CsvVoucherImport::filesImported)
            .description("CSV voucher files imported by this instance").register(metrics);
        FunctionCounter.builder("mikrotik_csv_rows_imported", csv, CsvVoucherImport::rowsImported)
            .description("Rows of the CSV voucher files imported by this instance").register(metrics);
        context.getRegistry().bind("jmsRequests", new JmsBillingRequests(applier, context.createProducerTemplate(),
            brokerSettings.queue(), brokerSettings.deadLetterQueue(), brokerSettings.maxRedeliveries(),
            settings.reader().integer("JMS_APPLY_TIMEOUT", 120_000, 1, Integer.MAX_VALUE), settings.integer("CIRCUIT_BREAKER_TIMEOUT", 30_000),
            principals::find, brokerSettings.username().orElse(BrokerSettings.DEFAULT_USERNAME)));
      }

      @Override
      public void afterStop(BaseMainSupport m) {
        close();
      }
    });
    return main;
  }

  /** The CSV originals an earlier version kept in the route's done folder still hold their passwords. */
  private void maskEarlierOriginals(CsvVoucherImport csv, Path data) {
    Path inbox = Path.of(settings.get("VOUCHER_INBOX", data.resolve("inbox/vouchers").toString()));
    try {
      csv.maskEarlierOriginals(inbox.resolve(settings.get("VOUCHER_DONE", "../../done/vouchers")).normalize());
    } catch (java.io.IOException e) {
      LOG.warn("the CSV files kept by an earlier version could not be masked: {}", e.toString());
    }
  }

  /**
   * mikrotik_vouchers_created_total and mikrotik_revenue_total count creations as they happen, so
   * they never fall; revocations have their own counter. (The Prometheus client reserves the
   * _created suffix: the family is registered as mikrotik_vouchers and renamed in the scrape.)
   */
  private static VoucherCounters voucherCounters(PrometheusMeterRegistry metrics) {
    Counter created = Counter.builder("mikrotik_vouchers").description("Vouchers created on the routers").register(metrics);
    Counter revenue = Counter.builder("mikrotik_revenue")
        .description("Sum of the prices of the vouchers created (USD)").register(metrics);
    Counter revoked = Counter.builder("mikrotik_vouchers_revoked").description("Vouchers revoked").register(metrics);
    return new VoucherCounters() {
      @Override
      public void created(java.math.BigDecimal price) {
        created.increment();
        revenue.increment(price == null ? 0 : price.doubleValue());
      }

      @Override
      public void revoked() {
        revoked.increment();
      }
    };
  }

  private void startEmbeddedSimulatorIfNeeded() {
    if (settings.apply("MIKROTIK_HOST") != null && !settings.apply("MIKROTIK_HOST").isBlank()) {
      return;
    }
    int port = settings.integer("SIMULATOR_PORT", 8728);
    String password = settings.get("SIMULATOR_PASSWORD", "");
    RouterOsSimulator sim = simulator(port, password);
    try {
      sim.start();
    } catch (IllegalStateException busy) {
      LOG.warn("simulator port {} is busy ({}); using a free port", port, busy.getMessage());
      sim = simulator(0, password);
      sim.start();
    }
    closeables.push(sim);
    settings.override("MIKROTIK_HOST", "127.0.0.1");
    settings.override("MIKROTIK_PORT", String.valueOf(sim.port()));
    settings.override("MIKROTIK_USERNAME", "admin");
    settings.override("MIKROTIK_PASSWORD", password);
    simulatorNotice = "MIKROTIK_HOST is not set: router 'default' is the EMBEDDED SIMULATOR at 127.0.0.1:" + sim.port()
        + ", not a real router. Set MIKROTIK_HOST (and MIKROTIK_PORT, MIKROTIK_USERNAME, MIKROTIK_PASSWORD) to use yours.";
    LOG.warn("**********************************************************************************");
    LOG.warn("* {}", simulatorNotice);
    LOG.warn("**********************************************************************************");
  }

  private RouterOsSimulator simulator(int port, String password) {
    return new RouterOsSimulator(SimulatorOptions.builder().port(port).apiSslPort(-1).password(password)
        .seedUsers(settings.integer("SIMULATOR_SEED_USERS", 20))
        .stateFile(home.resolve(settings.get("DATA_DIR", "data")).resolve("simulator-state.json")).build());
  }

  void close() {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("error while closing: {}", e.toString());
      }
    }
  }
}
