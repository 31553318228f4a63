package io.mikrobill.camel;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** Options of a {@code routeros} endpoint. */
@UriParams
public class RouterOsConfiguration implements Cloneable {

  @UriParam(label = "producer", enums = "critical,high,normal,low", defaultValue = "normal",
      description = "Priority of the requests toward the router: critical work leaves the rate-limit and request queues first.")
  private String priority = "normal";

  @UriParam(label = "producer", defaultValue = "0", javaType = "long",
      description = "Timeout of each command in milliseconds; 0 uses the router's MIKROTIK_TIMEOUT. A timed-out command is cancelled on the router.")
  private long timeout;

  @UriParam(label = "producer", defaultValue = "false",
      description = "Serve reads (print, get) from the cache when a fresh answer is there. Writes to a menu always invalidate its cached reads.")
  private boolean useCache;

  @UriParam(label = "producer",
      description = "Cache key of reads; defaults to the command and its words.")
  private String cacheKey;

  @UriParam(label = "producer", defaultValue = "0", javaType = "long",
      description = "Time to live of cached reads in milliseconds; 0 uses CACHE_DEFAULT_TTL.")
  private long cacheTtl;

  @UriParam(label = "producer",
      description = "Properties a print returns (.proplist), comma-separated. Ask only for what you need: some properties are slow to compute on the router.")
  private String proplist;

  @UriParam(label = "producer",
      description = "Query words of a print, separated by spaces, e.g. ?name=alice ?disabled=false, or ?# stack operations.")
  private String queries;

  @UriParam(label = "producer", prefix = "attr.", multiValue = true,
      description = "Attributes of the command, e.g. attr.profile=default adds =profile=default.")
  private Map<String, Object> attributes = new HashMap<>();

  @UriParam(label = "consumer", defaultValue = "1000", javaType = "long",
      description = "Delay in milliseconds before a stream is subscribed again after its connection was lost.")
  private long resubscribeDelay = 1000;

  @UriParam(label = "consumer",
      description = "For the events endpoint (routeros:ROUTER/events): the event types to receive, comma-separated; all when empty.")
  private String eventTypes;

  public String getPriority() {
    return priority;
  }

  public void setPriority(String priority) {
    this.priority = priority;
  }

  public long getTimeout() {
    return timeout;
  }

  public void setTimeout(long timeout) {
    this.timeout = timeout;
  }

  public boolean isUseCache() {
    return useCache;
  }

  public void setUseCache(boolean useCache) {
    this.useCache = useCache;
  }

  public String getCacheKey() {
    return cacheKey;
  }

  public void setCacheKey(String cacheKey) {
    this.cacheKey = cacheKey;
  }

  public long getCacheTtl() {
    return cacheTtl;
  }

  public void setCacheTtl(long cacheTtl) {
    this.cacheTtl = cacheTtl;
  }

  public String getProplist() {
    return proplist;
  }

  public void setProplist(String proplist) {
    this.proplist = proplist;
  }

  public String getQueries() {
    return queries;
  }

  public void setQueries(String queries) {
    this.queries = queries;
  }

  public Map<String, Object> getAttributes() {
    return attributes;
  }

  public void setAttributes(Map<String, Object> attributes) {
    this.attributes = attributes;
  }

  public long getResubscribeDelay() {
    return resubscribeDelay;
  }

  public void setResubscribeDelay(long resubscribeDelay) {
    this.resubscribeDelay = resubscribeDelay;
  }

  public String getEventTypes() {
    return eventTypes;
  }

  public void setEventTypes(String eventTypes) {
    this.eventTypes = eventTypes;
  }

  public RouterOsConfiguration copy() {
    try {
      RouterOsConfiguration c = (RouterOsConfiguration) clone();
      c.attributes = new HashMap<>(attributes);
      return c;
    } catch (CloneNotSupportedException e) {
      throw new RuntimeCamelException(e);
    }
  }
}
