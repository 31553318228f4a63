package io.mikrobill.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** /api/openapi.json is a valid OpenAPI 3 document that describes every operation usefully. */
@Timeout(120)
class OpenApiDocumentTest {

  @Test
  void shouldServeAValidDocumentWithBodiesResponsesAndParameters(@TempDir Path home) throws Exception {
    try (RunningPipeline app = new RunningPipeline(home, Map.of())) {
      String json = app.send("GET", "/api/openapi.json", null).body();
      SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, null);
      assertThat(parsed.getMessages()).as("validator messages").isEmpty();
      OpenAPI api = parsed.getOpenAPI();
      assertThat(api.getServers()).isNotEmpty();
      assertThat(api.getServers().get(0).getUrl()).doesNotContain("0.0.0.0");
      List<String> problems = new ArrayList<>();
      api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
        String name = method + " " + path;
        op.getResponses().forEach((code, r) -> {
          if (r.getDescription() == null || r.getDescription().isBlank()) {
            problems.add(name + " response " + code + " has no description");
          }
        });
        boolean takesBody = (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH)
            && !path.endsWith("/enable") && !path.endsWith("/disable");
        if (takesBody && op.getRequestBody() == null) {
          problems.add(name + " has no request body");
        }
        if (!op.getResponses().containsKey("400") && takesBody) {
          problems.add(name + " does not document 400");
        }
      }));
      Operation create = api.getPaths().get("/api/hotspot/users").getPost();
      assertThat(schemaJson(api, create.getRequestBody().getContent().values().iterator().next().getSchema()))
          .contains("username").contains("password").contains("limitUptime");
      assertThat(schemaJson(api, create.getResponses().get("201").getContent().values().iterator().next().getSchema()))
          .contains("id").contains("username").contains("router");
      assertThat(schemaJson(api, create.getResponses().get("409").getContent().values().iterator().next().getSchema()))
          .contains("recoverySuggestions").contains("severity");
      Operation list = api.getPaths().get("/api/hotspot/users").getGet();
      assertThat(list.getParameters()).extracting(p -> p.getName()).contains("router", "useCache");
      assertThat(problems).isEmpty();
    }
  }

  /** A schema with its reference resolved, as text, to look for property names in. */
  private static String schemaJson(OpenAPI api, io.swagger.v3.oas.models.media.Schema<?> schema) {
    io.swagger.v3.oas.models.media.Schema<?> s = schema;
    if (s.get$ref() != null) {
      s = api.getComponents().getSchemas().get(s.get$ref().substring(s.get$ref().lastIndexOf('/') + 1));
    }
    StringBuilder b = new StringBuilder(String.valueOf(s.getProperties() == null ? "" : s.getProperties().keySet()));
    if (s.getProperties() != null) {
      s.getProperties().values().forEach(p -> {
        if (p.get$ref() != null) {
          var inner = api.getComponents().getSchemas().get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1));
          b.append(inner.getProperties() == null ? "" : inner.getProperties().keySet());
        }
      });
    }
    return b.toString();
  }
}
