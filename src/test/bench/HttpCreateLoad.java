import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on the HTTP create path: N POST /api/hotspot/users with unique names, C in flight, then
 * prints one JSON line with requests/s and the count of 201s. Run with the JDK's single-file
 * launcher: java HttpCreateLoad.java PORT N C PREFIX [BEARER] (BEARER: an API key or session token,
 * sent as Authorization: Bearer on every request).
 */
public class HttpCreateLoad {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    int c = Integer.parseInt(args[2]);
    String prefix = args[3];
    String bearer = args.length > 4 && !args[4].isEmpty() ? args[4] : null;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore slots = new Semaphore(c);
    AtomicLong created = new AtomicLong();
    AtomicLong other = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      slots.acquire();
      String body = "{\"username\":\"" + prefix + i + "\",\"password\":\"secret123\"}";
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/hotspot/users"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      if (bearer != null) {
        b.header("Authorization", "Bearer " + bearer);
      }
      HttpRequest r = b.build();
      http.sendAsync(r, HttpResponse.BodyHandlers.discarding()).whenComplete((res, e) -> {
        if (e == null && res.statusCode() == 201) {
          created.incrementAndGet();
        } else {
          other.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(c);
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf("{\"requests\":%d,\"concurrency\":%d,\"created\":%d,\"other\":%d,\"seconds\":%.2f,\"requestsPerSecond\":%.0f}%n",
        n, c, created.get(), other.get(), secs, n / secs);
  }
}
