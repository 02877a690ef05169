package io.stork.dashboard;

import com.typesafe.config.Config;
import java.time.Duration;

/** The dashboard's tunables, from {@code stork.http.dashboard} (documented in this module's {@code reference.conf}). */
public record DashboardSettings(Duration refresh, int placementArtifacts, int eventHistory, Duration keepAlive,
                                Duration subscriptionRenewal, Duration askTimeout) {
  public DashboardSettings {
    if (placementArtifacts < 1 || eventHistory < 1) {
      throw new IllegalArgumentException("stork.http.dashboard.placement-artifacts and event-history must be at least 1");
    }
  }

  public static DashboardSettings fromConfig(Config config) {
    Config dashboard = config.getConfig("stork.http.dashboard");
    return new DashboardSettings(dashboard.getDuration("refresh"), dashboard.getInt("placement-artifacts"),
        dashboard.getInt("event-history"), dashboard.getDuration("keep-alive"), dashboard.getDuration("subscription-renewal"),
        dashboard.getDuration("ask-timeout"));
  }
}
