package io.mikrobill.camel;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code routeros} component. */
public final class RouterOsConstants {

  @Metadata(label = "producer", description = "Attributes of the command (name to value), added as =name=value words; they override the body's.", javaType = "java.util.Map<String, Object>")
  public static final String ATTRIBUTES = "RouterOsAttributes";

  @Metadata(label = "producer", description = "Query words of a print, e.g. ?name=alice, as a list or one space-separated string.", javaType = "java.util.List<String>")
  public static final String QUERIES = "RouterOsQueries";

  @Metadata(label = "producer", description = "Properties a print returns (.proplist), comma-separated.", javaType = "String")
  public static final String PROPLIST = "RouterOsProplist";

  @Metadata(label = "producer", description = "Raw API words appended to the command as given.", javaType = "java.util.List<String>")
  public static final String WORDS = "RouterOsWords";

  @Metadata(label = "producer", description = "The router to use instead of the endpoint's.", javaType = "String")
  public static final String ROUTER = "RouterOsRouter";

  @Metadata(label = "producer", description = "The command path to run instead of the endpoint's, e.g. /ip/hotspot/user/add.", javaType = "String")
  public static final String COMMAND = "RouterOsCommand";

  @Metadata(label = "producer", description = "Priority of this request: critical, high, normal or low.", javaType = "String")
  public static final String PRIORITY = "RouterOsPriority";

  @Metadata(label = "producer", description = "Timeout of this request in milliseconds.", javaType = "Long")
  public static final String TIMEOUT = "RouterOsTimeout";

  @Metadata(label = "producer", description = "Whether this read may be served from the cache.", javaType = "Boolean")
  public static final String USE_CACHE = "RouterOsUseCache";

  @Metadata(label = "producer", description = "Cache key of this read.", javaType = "String")
  public static final String CACHE_KEY = "RouterOsCacheKey";

  @Metadata(label = "producer", description = "Time to live of this read in the cache, in milliseconds.", javaType = "Long")
  public static final String CACHE_TTL = "RouterOsCacheTtl";

  @Metadata(description = "The =ret= of the command's !done (the .id of an added item, a count).", javaType = "String")
  public static final String RET = "RouterOsRet";

  @Metadata(description = "Whether the router answered !empty.", javaType = "Boolean")
  public static final String EMPTY = "RouterOsEmpty";

  @Metadata(description = "The category of the router's !trap (0 to 7, -1 if none was sent).", javaType = "Integer")
  public static final String TRAP_CATEGORY = "RouterOsTrapCategory";

  @Metadata(description = "The message of the router's !trap.", javaType = "String")
  public static final String TRAP_MESSAGE = "RouterOsTrapMessage";

  @Metadata(description = "The error type of a failed request (connection, timeout, trap, ...).", javaType = "String")
  public static final String ERROR_TYPE = "RouterOsErrorType";

  @Metadata(description = "The state of the router's circuit breaker when the request finished.", javaType = "String")
  public static final String BREAKER_STATE = "RouterOsBreakerState";

  @Metadata(label = "consumer", description = "Whether a streamed item was removed (=.dead=yes).", javaType = "Boolean")
  public static final String DEAD = "RouterOsDead";

  @Metadata(label = "consumer", description = "The type of a router event.", javaType = "String")
  public static final String EVENT_TYPE = "RouterOsEventType";

  @Metadata(description = "The name of the router the exchange concerns.", javaType = "String")
  public static final String ROUTER_NAME = "RouterOsRouterName";

  private RouterOsConstants() {}
}
