package io.stork.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Lets a request that changes something through only with the endpoint's token
 * ({@code Authorization: Bearer TOKEN}); with no token configured the endpoint is read-only.
 */
public final class TokenGuard {
  private final Optional<byte[]> token;

  public TokenGuard(HttpSettings settings) {
    this.token = settings.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  public Route require(Supplier<Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> {
      if (token.isEmpty()) {
        return complete(StatusCodes.FORBIDDEN, "this endpoint is read-only: set stork.http.token to allow changes\n");
      }
      if (header.isEmpty() || !matches(header.get())) {
        return complete(HttpResponse.create().withStatus(StatusCodes.UNAUTHORIZED)
            .addHeader(RawHeader.create("WWW-Authenticate", "Bearer realm=\"stork\""))
            .withEntity("a change needs the endpoint's token: Authorization: Bearer TOKEN\n"));
      }
      return inner.get();
    });
  }

  private boolean matches(String header) {
    if (!header.startsWith("Bearer ")) {
      return false;
    }
    // Constant time: how long a comparison takes must not tell how much of a guess was right.
    return MessageDigest.isEqual(token.get(), header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
  }
}
