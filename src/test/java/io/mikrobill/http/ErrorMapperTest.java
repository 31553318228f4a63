package io.mikrobill.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mikrobill.routeros.PoolExhaustedException;
import io.mikrobill.routeros.RateLimitExceededException;
import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsTimeoutException;
import io.mikrobill.routeros.RouterOsTrapException;
import io.mikrobill.validation.FieldError;
import io.mikrobill.validation.ValidationException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

/** Every failure maps to the status and enhanced error its sender sees. */
class ErrorMapperTest {

  @Test
  void shouldMapEachKindOfFailureToItsStatus() {
    assertThat(ErrorMapper.map(new ValidationException("createHotspotUser",
        List.of(new FieldError("username", "length", "username must be 3 to 32 characters")))).status()).isEqualTo(400);
    assertThat(ErrorMapper.map(new RouterOsTrapException("/ip/hotspot/user/add", 1,
        "failure: already have user with this name for this server")).status()).isEqualTo(409);
    assertThat(ErrorMapper.map(new RouterOsTrapException("/ip/hotspot/user/remove", -1, "no such item")).status()).isEqualTo(404);
    assertThat(ErrorMapper.map(new RouterOsTrapException("/ip/hotspot/user/add", 1,
        "input does not match any value of profile")).status()).isEqualTo(400);
    assertThat(ErrorMapper.map(new RateLimitExceededException("queue full")).status()).isEqualTo(429);
    assertThat(ErrorMapper.map(new RouterOsConnectionException("down")).retryAfterSeconds()).isEqualTo(5);
    assertThat(ErrorMapper.map(new RouterOsTimeoutException("slow")).status()).isEqualTo(503);
    assertThat(ErrorMapper.map(new PoolExhaustedException("exhausted", null)).status()).isEqualTo(503);
    ErrorResponse open = ErrorMapper.map(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("b")));
    assertThat(open.status()).isEqualTo(503);
    assertThat(open.type()).isEqualTo("circuit-open");
    assertThat(open.retryAfterSeconds()).isEqualTo(30);
    assertThat(ErrorMapper.map(new IllegalArgumentException("bad")).status()).isEqualTo(400);
  }

  @Test
  void shouldFindTheMeaningfulCauseInsideWrappers() {
    Throwable wrapped = new RuntimeCamelException(new CompletionException(new RouterOsTrapException("/x", 1,
        "failure: already have user with this name for this server")));
    assertThat(ErrorMapper.map(wrapped).status()).isEqualTo(409);
  }

  @Test
  void shouldHideInternalDetailsOfUnexpectedFailures() {
    ErrorResponse e = ErrorMapper.map(new NullPointerException("secret internal state"));
    assertThat(e.status()).isEqualTo(500);
    assertThat(e.message()).doesNotContain("secret internal state");
    assertThat(e.toJson().toString()).doesNotContain("at io.mikrobill");
  }
}
