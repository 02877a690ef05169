package io.stork.runtime.data;

import io.stork.runtime.ClusterKeys;
import io.stork.runtime.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The sockets of the data channel, on which chunks travel between processes: TLS 1.3 with mutual
 * authentication by the cluster's keys, as Artery's own connections, or plain TCP for
 * {@code --insecure}.
 */
public final class DataSockets {
  private static final String[] PROTOCOLS = {"TLSv1.3"};

  private final SSLContext tls;

  private DataSockets(SSLContext tls) {
    this.tls = tls;
  }

  public static DataSockets tls(SSLContext context) {
    return new DataSockets(context);
  }

  public static DataSockets plain() {
    return new DataSockets(null);
  }

  /** The TLS context of the cluster's keys; empty for plain TCP. */
  public Optional<SSLContext> tlsContext() {
    return Optional.ofNullable(tls);
  }

  /** Listens on {@code address} (port 0: any free port). */
  public ServerSocket listen(HostPort address) throws IOException {
    ServerSocket socket;
    if (tls == null) {
      socket = new ServerSocket();
    } else {
      SSLServerSocket secure = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
      secure.setEnabledProtocols(PROTOCOLS);
      secure.setEnabledCipherSuites(ClusterKeys.cipherSuites());
      secure.setNeedClientAuth(true); // a stranger without the cluster's certificate gets no byte
      socket = secure;
    }
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(address.host()), address.port()), 64);
    return socket;
  }

  /** Connects to {@code address} within {@code timeoutMillis}; a TLS socket has finished its handshake. */
  public Socket connect(HostPort address, int timeoutMillis) throws IOException {
    Socket socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
      if (socket instanceof SSLSocket secure) {
        secure.setEnabledProtocols(PROTOCOLS);
        secure.setEnabledCipherSuites(ClusterKeys.cipherSuites());
        secure.setSoTimeout(timeoutMillis);
        secure.startHandshake();
        secure.setSoTimeout(0);
      }
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
