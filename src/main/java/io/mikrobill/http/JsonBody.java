package io.mikrobill.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Reads a request's JSON object body, refusing what is not one: a body with a content type other
 * than JSON is 415 (this also stops a foreign web page from posting a form or text/plain to the
 * API), a body that is not a JSON object is 400, a missing body where one is needed is 400. A
 * body-less POST such as enable or disable accepts an empty body, with no content type or JSON's.
 * A request a browser marks as sent from another site's page is 403.
 */
final class JsonBody {

  private JsonBody() {}

  static Map<String, Object> read(Exchange exchange, boolean required) {
    // A browser sends this header on every request; another site's page must not act here.
    if ("cross-site".equalsIgnoreCase(exchange.getMessage().getHeader("Sec-Fetch-Site", String.class))) {
      throw new HttpRefusal(403, "cross-site", "requests from another site's page are refused");
    }
    String body = exchange.getMessage().getBody(String.class);
    boolean blank = body == null || body.isBlank();
    String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
    String mime = type.contains(";") ? type.substring(0, type.indexOf(';')).trim() : type.trim();
    boolean json = mime.equals("application/json") || mime.endsWith("+json");
    boolean form = mime.equals("application/x-www-form-urlencoded") || mime.equals("multipart/form-data");
    // A form or text is refused even with an empty body (a form's fields may already be out of
    // the body): that is what a foreign page can send without asking. No content type is fine
    // for a POST that takes no body.
    if (form || (!json && (required || !blank || !mime.isEmpty()))) {
      throw new HttpRefusal(415, "unsupported-media-type",
          "the body must be JSON with Content-Type: application/json, was '" + (mime.isEmpty() ? "none" : mime) + "'");
    }
    if (blank) {
      if (required) {
        throw new HttpRefusal(400, "bad-request", "a JSON object body is required (Content-Type: application/json)");
      }
      return new LinkedHashMap<>();
    }
    Object parsed;
    try {
      parsed = HttpAnswer.JSON.readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      // Where the parser stopped, not its message: that names the parser's own classes and settings.
      throw new HttpRefusal(400, "bad-request", "the body is not valid JSON"
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new HttpRefusal(400, "bad-request", "the body must be a JSON object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
