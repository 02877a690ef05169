package io.stork.embedded;

import com.typesafe.config.ConfigFactory;
import io.stork.client.ClusterConnection;
import io.stork.client.StorkClient;
import io.stork.client.TransferListener;
import io.stork.runtime.HostPort;
import io.stork.runtime.Transport;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A client as its own process, for tests that SIGKILL a client mid-upload: connects to the name
 * node at {@code args[0]} with the keys in {@code args[2..]} ({@code --keys DIR}), and uploads its
 * stdin as {@code args[1]} — as slowly as the test feeds it.
 */
public final class UploadFromStdin {
  private UploadFromStdin() {}

  public static void main(String[] args) {
    HostPort nameNode = HostPort.parse(args[0]);
    Transport transport = Transport.tls(Path.of(args[3]));
    try (ClusterConnection connection = ClusterConnection.open(nameNode, new HostPort("127.0.0.1", 0), transport,
        ConfigFactory.empty(), Duration.ofSeconds(60))) {
      StorkClient client = connection.client();
      System.out.println("connected");
      client.write(args[1], false, System.in, -1, StorkClient.WriteOptions.DEFAULT, TransferListener.NONE);
      System.out.println("uploaded");
    }
  }
}
