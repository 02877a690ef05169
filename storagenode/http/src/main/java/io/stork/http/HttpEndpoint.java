package io.stork.http;

import io.stork.runtime.ClusterKeys;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * A process's HTTP server (Pekko HTTP) on {@code stork.http.host:port}: loopback unless told
 * otherwise, HTTPS with the cluster's certificate when {@code stork.http.tls} asks for it.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private final ServerBinding binding;
  private final String url;

  private HttpEndpoint(ServerBinding binding, String url) {
    this.binding = binding;
    this.url = url;
  }

  /**
   * Listens on {@code system}, serving {@code route}; returns once listening.
   *
   * @param tls the cluster's TLS context, if the process has keys (needed unless {@code stork.http.tls = off})
   * @throws IllegalStateException when it cannot listen (the port is taken, say), with one line saying so
   * @throws IllegalArgumentException when TLS is asked for without keys
   */
  public static HttpEndpoint start(ActorSystem<?> system, HttpSettings settings, Optional<SSLContext> tls, Route route) {
    ServerBuilder server = Http.get(system).newServerAt(settings.host(), settings.port());
    settings.requireKeysForTls(tls.isPresent());
    if (settings.tls() != HttpSettings.Tls.OFF) {
      SSLContext context = tls.get();
      boolean mutual = settings.tls() == HttpSettings.Tls.MUTUAL;
      server = server.enableHttps(ConnectionContext.httpsServer(() -> engine(context, mutual)));
    }
    String where = settings.host() + ":" + settings.port();
    try {
      ServerBinding binding = server.bind(route).toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      InetSocketAddress local = binding.localAddress();
      String scheme = settings.tls() == HttpSettings.Tls.OFF ? "http" : "https";
      return new HttpEndpoint(binding, scheme + "://" + hostForUrl(settings.host()) + ":" + local.getPort() + "/");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
      throw new IllegalStateException("cannot listen for HTTP on " + where + ": " + cause.getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot listen for HTTP on " + where + ": no answer within " + BIND_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting HTTP on " + where, e);
    }
  }

  private static SSLEngine engine(SSLContext context, boolean mutual) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(PROTOCOLS);
    engine.setEnabledCipherSuites(ClusterKeys.cipherSuites());
    engine.setNeedClientAuth(mutual);
    return engine;
  }

  /** An IPv6 address goes in brackets in a URL. */
  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Where it listens, as a URL: {@code http://127.0.0.1:8080/}. */
  public String url() {
    return url;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Stops listening and ends open connections (the dashboard's event streams among them). */
  @Override
  public void close() {
    try {
      binding.terminate(STOP_TIMEOUT).toCompletableFuture().get(STOP_TIMEOUT.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the actor system stopping next ends what is left
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
