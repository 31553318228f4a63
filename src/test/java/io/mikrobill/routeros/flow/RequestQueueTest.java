package io.mikrobill.routeros.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mikrobill.routeros.RateLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RequestQueueTest {

  private final List<String> started = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

  private CompletableFuture<String> task(RequestQueue q, Priority p, String menu, String name) {
    return q.submit(p, menu, () -> {
      started.add(name);
      CompletableFuture<String> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    });
  }

  private void finishOldest() {
    pending.remove(0).complete("ok");
  }

  @Test
  void shouldBoundConcurrencyAndStartWaitersByPriority() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 100, 2, true, false, 10));
    task(q, Priority.NORMAL, null, "a");
    task(q, Priority.NORMAL, null, "b");
    task(q, Priority.LOW, null, "low");
    task(q, Priority.NORMAL, null, "normal");
    task(q, Priority.CRITICAL, null, "critical");
    assertThat(started).containsExactly("a", "b");
    assertThat(q.running()).isEqualTo(2);
    assertThat(q.queued()).isEqualTo(3);

    finishOldest();
    finishOldest();
    finishOldest();
    finishOldest();
    assertThat(started).containsExactly("a", "b", "critical", "normal", "low");
  }

  @Test
  void shouldRefuseWhenTheWaitingLineIsFull() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 1, 1, true, false, 10));
    task(q, Priority.NORMAL, null, "a");
    task(q, Priority.NORMAL, null, "b");
    CompletableFuture<String> refused = task(q, Priority.NORMAL, null, "c");
    assertThat(refused.exceptionNow()).isInstanceOf(RateLimitExceededException.class).hasMessageContaining("REQUEST_QUEUE_MAX_SIZE=1");
  }

  @Test
  void shouldSendQueuedWritesToTheSameMenuTogetherWhenBatching() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 100, 1, true, true, 3));
    task(q, Priority.NORMAL, "/ip/hotspot/user", "first");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u1");
    task(q, Priority.NORMAL, "/ppp/secret", "p1");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u2");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u3");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u4");

    finishOldest();
    assertThat(started).containsExactly("first", "u1", "u2", "u3");
    assertThat(q.running()).isEqualTo(1);
    finishOldest();
    finishOldest();
    assertThat(started).hasSize(4);
    finishOldest();
    assertThat(started).containsExactly("first", "u1", "u2", "u3", "p1");
    finishOldest();
    assertThat(started).containsExactly("first", "u1", "u2", "u3", "p1", "u4");
    assertThat(q.batchStats()).containsExactly(1, 3);
  }

  @Test
  void shouldNotBatchWhenBatchingIsOff() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 100, 1, true, false, 3));
    task(q, Priority.NORMAL, "/ip/hotspot/user", "first");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u1");
    task(q, Priority.NORMAL, "/ip/hotspot/user", "u2");
    finishOldest();
    assertThat(started).containsExactly("first", "u1");
  }

  @Test
  void shouldRunEverythingAtOnceWhenDisabled() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(false, 0, 1, true, false, 3));
    List<CompletableFuture<String>> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      all.add(task(q, Priority.LOW, null, "t" + i));
    }
    assertThat(started).hasSize(50);
  }

  @Test
  void shouldPassFailuresThroughAndFreeTheSlot() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 10, 1, true, false, 3));
    CompletableFuture<String> a = task(q, Priority.NORMAL, null, "a");
    task(q, Priority.NORMAL, null, "b");
    pending.remove(0).completeExceptionally(new IllegalStateException("router said no"));
    assertThat(a.exceptionNow()).isInstanceOf(IllegalStateException.class);
    assertThat(started).containsExactly("a", "b");
  }

  @Test
  void shouldStartWaitersInArrivalOrderWhenPrioritiesAreOff() {
    RequestQueue q = new RequestQueue("r1", new RequestQueueOptions(true, 100, 1, false, false, 10));
    task(q, Priority.NORMAL, null, "a");
    task(q, Priority.LOW, null, "low");
    task(q, Priority.CRITICAL, null, "critical");
    finishOldest();
    finishOldest();
    assertThat(started).containsExactly("a", "low", "critical");
  }
}
