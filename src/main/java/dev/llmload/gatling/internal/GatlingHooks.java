package dev.llmload.gatling.internal;

import io.gatling.core.config.GatlingConfiguration;
import io.gatling.http.client.HttpClientConfig;
import io.gatling.http.engine.HttpClientFactory;
import io.gatling.http.engine.HttpEngine;
import io.gatling.http.util.SslContextsFactory;
import io.netty.channel.EventLoopGroup;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Every place where llm-loadtest depends on Gatling internals (3.15.x), listed once, with a probe for each: a
 * Gatling upgrade that renames a field or changes a signature must stop the run before any load, naming the hook
 * and the Gatling version, instead of silently measuring less (timeouts not enforced, every failure unclassified).
 */
public final class GatlingHooks {

  /** The Gatling line these hooks were written and tested against. */
  public static final String TESTED_WITH = "3.15";
  /** How often Gatling's HTTP client closes idle pooled connections (DefaultHttpClient.EventLoopResources). */
  static final long POOL_CLEANER_PERIOD_MILLIS = 1_000;

  private GatlingHooks() {}

  /** One dependency on Gatling internals: what it is for, and a probe that throws when it is missing. */
  public record Hook(String name, Callable<?> probe) {}

  /** Every hook, in the order the run uses them. */
  public static List<Hook> all() {
    return List.of(
        new Hook("injection profile and closed workload (run clock, level of each user)", () -> {
          Set<String> methods = Arrays.stream(io.gatling.core.controller.inject.InjectionProfile.class.getMethods())
              .filter(m -> Modifier.isAbstract(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
          require(methods.equals(Set.of("totalUserCount", "workload")), "InjectionProfile's abstract methods are " + methods);
          Set<String> workload = Arrays.stream(io.gatling.core.controller.inject.Workload.class.getMethods())
              .filter(m -> m.getDeclaringClass() == io.gatling.core.controller.inject.Workload.class && Modifier.isAbstract(m.getModifiers()))
              .map(Method::getName).collect(Collectors.toSet());
          require(workload.equals(Set.of("injectBatch", "endUser", "duration", "isEmpty")), "Workload's abstract methods are " + workload);
          io.gatling.core.controller.inject.Workload.class.getConstructor(io.gatling.core.scenario.Scenario.class,
              java.util.concurrent.atomic.AtomicLong.class, EventLoopGroup.class, io.gatling.core.stats.StatsEngine.class);
          Class.forName("io.gatling.core.controller.inject.closed.ClosedWorkload");
          return io.gatling.core.structure.PopulationBuilder.class.getMethod("copy", io.gatling.core.structure.ScenarioBuilder.class,
              io.gatling.core.controller.inject.InjectionProfile.class, scala.collection.immutable.Map.class,
              scala.collection.immutable.List.class, scala.Option.class, scala.collection.immutable.List.class, boolean.class);
        }),
        new Hook("HTTP engine fields (our client for streamed requests)", () -> {
          for (String f : List.of("sslContextsFactory", "configuration")) {
            declaredField(HttpEngine.class, f);
          }
          return HttpEngine.class;
        }),
        new Hook("HTTP client factory and pool cleaner (llm.http.keepAliveIdle)", () -> {
          HttpClientFactory.class.getMethod("newClientConfig");
          io.gatling.http.client.impl.DefaultHttpClient.class.getConstructor(HttpClientConfig.class);
          Class<?> resources = Class.forName("io.gatling.http.client.impl.DefaultHttpClient$EventLoopResources");
          Field period = declaredField(resources, "POOL_CLEANER_PERIOD_MS");
          require(((Number) period.get(null)).longValue() == POOL_CLEANER_PERIOD_MILLIS, "the pool cleaner period is " + period.get(null) + " ms");
          return period;
        }),
        new Hook("re-send on a stale pooled connection", () -> io.gatling.http.client.impl.DefaultHttpClient.class
            .getDeclaredMethod("canRetry", Class.forName("io.gatling.http.client.impl.HttpTx"))),
        new Hook("streamed request (built as Gatling builds it, with a request timeout; sent on the user's event loop with its TLS contexts; report rows)", () -> {
          io.gatling.http.request.builder.HttpRequestExpressionBuilder.class.getConstructor(
              io.gatling.http.request.builder.CommonAttributes.class, io.gatling.http.request.builder.BodyAttributes.class,
              io.gatling.http.request.builder.HttpAttributes.class, io.gatling.http.cache.HttpCaches.class,
              io.gatling.http.protocol.HttpProtocol.class, GatlingConfiguration.class);
          io.gatling.http.request.builder.HttpAttributes.class.getMethod("copy", scala.collection.immutable.List.class, boolean.class,
              scala.Option.class, boolean.class, scala.Option.class, scala.collection.immutable.List.class, scala.Option.class);
          for (String m : List.of("commonAttributes", "bodyAttributes", "httpAttributes")) {
            io.gatling.http.request.builder.HttpRequestBuilder.class.getMethod(m);
          }
          io.gatling.http.protocol.HttpProtocolEnginePart.class.getMethod("shareConnections");
          io.gatling.http.client.HttpClient.class.getMethod("sendRequest", io.gatling.http.client.Request.class, long.class,
              io.netty.channel.EventLoop.class, io.gatling.http.client.HttpListener.class, io.gatling.http.client.SslContextsHolder.class);
          require(io.gatling.http.client.HttpListener.class.getMethods().length == 7, "HttpListener has "
              + io.gatling.http.client.HttpListener.class.getMethods().length + " methods (StreamExchange implements 7)");
          io.gatling.core.stats.StatsEngine.class.getMethod("logResponse", String.class, scala.collection.immutable.List.class, String.class,
              long.class, long.class, io.gatling.commons.stats.Status.class, scala.Option.class, scala.Option.class);
          io.gatling.core.session.Session.class.getMethod("logGroupRequestTimings", long.class, long.class);
          return io.gatling.http.cache.SslContextSupport$.class.getMethod("sslContexts", io.gatling.core.session.Session.class);
        }));
  }

  /** The hooks whose probe fails, each as "hook: reason"; empty when every hook is in place. */
  public static List<String> missing(List<Hook> hooks) {
    List<String> out = new ArrayList<>();
    for (Hook hook : hooks) {
      try {
        hook.probe().call();
      } catch (Exception | LinkageError e) {
        out.add(hook.name() + ": " + e);
      }
    }
    return out;
  }

  /** The Gatling version on the class path. */
  public static String gatlingVersion() {
    try {
      return io.gatling.commons.util.GatlingVersion$.MODULE$.ThisVersion().fullVersion();
    } catch (RuntimeException | LinkageError e) {
      String v = HttpEngine.class.getPackage().getImplementationVersion();
      return v == null ? "(unknown version)" : v;
    }
  }

  /** The client configuration Gatling builds for its own HTTP client. */
  static HttpClientConfig clientConfig(HttpEngine engine) throws ReflectiveOperationException {
    return new HttpClientFactory((SslContextsFactory) field(engine, "sslContextsFactory"), (GatlingConfiguration) field(engine, "configuration"))
        .newClientConfig();
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    return declaredField(target.getClass(), name).get(target);
  }

  private static Field declaredField(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalStateException(problem);
    }
  }
}
