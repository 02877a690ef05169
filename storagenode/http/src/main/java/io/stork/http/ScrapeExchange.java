package io.stork.http;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * One scrape, as the Prometheus library's scrape handler sees an HTTP exchange: it reads the
 * request (Accept for the format, {@code name[]} filters, Accept-Encoding for gzip) and writes the
 * response into memory, which becomes Pekko's {@link HttpResponse}.
 */
final class ScrapeExchange implements PrometheusHttpExchange {
  private final HttpRequest request;
  private final List<String[]> headers = new ArrayList<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = 500;
  private RuntimeException failure;

  ScrapeExchange(HttpRequest request) {
    this.request = request;
  }

  @Override
  public PrometheusHttpRequest getRequest() {
    return new PrometheusHttpRequest() {
      @Override
      public String getQueryString() {
        return request.getUri().rawQueryString().orElse(null);
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        List<String> values = new ArrayList<>();
        for (HttpHeader header : request.getHeaders()) {
          if (header.is(name.toLowerCase())) {
            values.add(header.value());
          }
        }
        return Collections.enumeration(values);
      }

      @Override
      public String getMethod() {
        return request.method().value();
      }

      @Override
      public String getRequestPath() {
        return request.getUri().path();
      }
    };
  }

  @Override
  public PrometheusHttpResponse getResponse() {
    return new PrometheusHttpResponse() {
      @Override
      public void setHeader(String name, String value) {
        headers.add(new String[] {name, value});
      }

      @Override
      public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
        status = statusCode;
        return body;
      }
    };
  }

  @Override
  public void handleException(IOException e) throws IOException {
    throw e;
  }

  @Override
  public void handleException(RuntimeException e) {
    failure = e;
  }

  @Override
  public void close() {
    // the body is in memory: nothing to release
  }

  /** What the handler wrote, as Pekko's response; a failure of the handler is a 500 with its message. */
  HttpResponse toResponse() {
    if (failure != null) {
      return HttpResponse.create().withStatus(500).withEntity("scrape failed: " + failure.getMessage() + "\n");
    }
    ContentType type = ContentTypes.APPLICATION_OCTET_STREAM;
    List<HttpHeader> extra = new ArrayList<>();
    for (String[] header : headers) {
      if (header[0].equalsIgnoreCase("Content-Type")) {
        type = ContentTypes.parse(header[1]);
      } else if (!header[0].equalsIgnoreCase("Content-Length")) {
        extra.add(RawHeader.create(header[0], header[1]));
      }
    }
    return HttpResponse.create().withStatus(status).addHeaders(extra).withEntity(HttpEntities.create(type, body.toByteArray()));
  }
}
