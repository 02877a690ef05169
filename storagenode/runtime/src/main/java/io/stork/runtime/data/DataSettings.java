package io.stork.runtime.data;

import com.typesafe.config.Config;
import java.time.Duration;

/** The data channel's tunables, from {@code stork.data} in {@code reference.conf}. */
public record DataSettings(Duration connectTimeout, Duration ioTimeout, Duration idleTimeout, int maxConnections) {

  public static DataSettings fromConfig(Config config) {
    Config data = config.getConfig("stork.data");
    return new DataSettings(data.getDuration("connect-timeout"), data.getDuration("io-timeout"),
        data.getDuration("idle-timeout"), data.getInt("max-connections"));
  }

  public DataClient client(DataSockets sockets) {
    return new DataClient(sockets, connectTimeout, ioTimeout);
  }
}
