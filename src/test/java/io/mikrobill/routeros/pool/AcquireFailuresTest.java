package io.mikrobill.routeros.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.RouterOsConnectionException;
import io.mikrobill.routeros.RouterOsException;
import org.junit.jupiter.api.Test;

class AcquireFailuresTest {

  @Test
  void shouldNameTheConnectFailureAndWhenThePoolTriesAgain() {
    RouterOsConnectionException refused = new RouterOsConnectionException("router=default cannot connect to 10.0.0.1:8728: Connection refused");
    RouterOsConnectionException e = AcquireFailures.unreachable("default", refused, 1_400_000_000L);
    assertThat(e).hasMessage("router=default unreachable: cannot connect to 10.0.0.1:8728: Connection refused (retrying in 2 s)")
        .hasCause(refused);
    assertThat(e.type()).isEqualTo(RouterOsException.ErrorType.CONNECTION);
    assertThat(e.isTransient()).isTrue();
    assertThat(AcquireFailures.unreachable("default", refused, 250_000_000L)).hasMessageEndingWith("(retrying in 250 ms)");
    assertThat(AcquireFailures.unreachable("default", refused, 0)).hasMessageEndingWith("(reconnecting now)");
  }
}
