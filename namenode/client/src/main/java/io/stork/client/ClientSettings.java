package io.stork.client;

import com.typesafe.config.Config;
import java.time.Duration;

/** Client tunables, from {@code stork.client} in {@code reference.conf}. */
public record ClientSettings(int chunksInFlight, Duration storeTimeout, Duration storeTimeoutFloor, int maxStoreAttempts,
                             int readAhead, Duration requestTimeout, Duration readTimeout, Duration readTimeoutFloor,
                             int readRounds, double maxHedgeFraction, int hedgeBurst, Duration commitTimeout,
                             Duration subscriptionRenewal) {

  public static ClientSettings fromConfig(Config config) {
    Config client = config.getConfig("stork.client");
    return new ClientSettings(client.getInt("chunks-in-flight"), client.getDuration("store-timeout"),
        client.getDuration("store-timeout-floor"), client.getInt("max-store-attempts"), client.getInt("read-ahead"),
        client.getDuration("request-timeout"), client.getDuration("read-timeout"), client.getDuration("read-timeout-floor"),
        client.getInt("read-rounds"), client.getDouble("max-hedge-fraction"), client.getInt("hedge-burst"),
        client.getDuration("commit-timeout"), client.getDuration("subscription-renewal"));
  }
}
