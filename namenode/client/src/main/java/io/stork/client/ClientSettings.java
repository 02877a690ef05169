package io.stork.client;

import com.typesafe.config.Config;
import java.time.Duration;

/** Client tunables, from {@code stork.client} in {@code reference.conf}. */
public record ClientSettings(int frameSize, int framesInFlight, int readAhead, Duration requestTimeout, Duration readTimeout,
                             int readRounds, Duration commitTimeout) {

  public static ClientSettings fromConfig(Config config) {
    Config client = config.getConfig("stork.client");
    return new ClientSettings((int) client.getBytes("frame-size").longValue(), client.getInt("frames-in-flight"),
        client.getInt("read-ahead"), client.getDuration("request-timeout"), client.getDuration("read-timeout"), client.getInt("read-rounds"),
        client.getDuration("commit-timeout"));
  }
}
