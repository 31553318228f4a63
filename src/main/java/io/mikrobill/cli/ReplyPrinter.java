package io.mikrobill.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mikrobill.routeros.protocol.Reply;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** Prints replies as JSON lines; safe to call from the I/O thread. */
final class ReplyPrinter {

  private static final JsonFactory JSON = new JsonFactory();

  private final PrintStream out;

  ReplyPrinter(PrintStream out) {
    this.out = out;
  }

  void print(int cmd, Reply reply) {
    emit(cmd, reply);
  }

  void printFatal(Reply reply) {
    emit(null, reply);
  }

  private void emit(Integer cmd, Reply reply) {
    StringWriter w = new StringWriter(64);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      if (cmd == null) {
        g.writeNullField("cmd");
      } else {
        g.writeNumberField("cmd", cmd);
      }
      g.writeStringField("type", reply.type().shortName());
      if (cmd == null && reply.message() != null) {
        g.writeStringField("message", reply.message());
      }
      g.writeObjectFieldStart("attrs");
      for (Map.Entry<String, String> e : reply.attributes().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (out) {
      out.println(w);
    }
  }
}
