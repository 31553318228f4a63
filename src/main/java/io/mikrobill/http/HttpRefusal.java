package io.mikrobill.http;

/** A request the HTTP edge refuses before it becomes a billing request: a bad body, a wrong content type, a key reused. */
final class HttpRefusal extends RuntimeException {

  private final int status;
  private final String type;

  public HttpRefusal(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }
}
