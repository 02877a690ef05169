package io.stork.shell;

import static io.stork.protocol.ArtifactNames.printable;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stat", header = "everything about one artifact: size, version, times, SHA-256, health",
    customSynopsis = "stat NAME",
    description = "Shows the current version of NAME: its size in bytes, version, commit time, the whole SHA-256 (the line "
        + "\"HASH  FILE\" that sha256sum -c checks, for a copy saved as FILE), the capabilities its replicas require, and its "
        + "replication health. list NAME shows where each chunk lives.")
final class StatCommand implements ShellCommand {
  @Mixin
  ArtifactName artifact;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    ArtifactReplicas replicas = session.client().locate(Names.checked(artifact.name));
    ArtifactVersion v = replicas.version();
    ArtifactStatus status = status(replicas);
    int replication = replicas.replication();
    String health = StatusView.health(status, replication);
    Map<String, Object> json = JsonViews.version("stat", v);
    json.put("replication", replication);
    json.put("liveReplicas", status.liveReplicas());
    json.put("wantedReplicas", (long) status.chunks() * replication);
    json.put("minLiveReplicas", status.minLiveReplicas());
    json.put("health", health);
    String shortName = v.name().contains("/") ? v.name().substring(v.name().lastIndexOf('/') + 1) : v.name();
    out.result(json, String.join("\n", List.of(
        "name:        " + printable(v.name()),
        "version:     " + v.version(),
        "size:        " + Sizes.format(v.size()) + " (" + v.size() + " bytes) in " + v.chunks().size()
            + (v.chunks().size() == 1 ? " chunk" : " chunks"),
        "sha256:      " + v.sha256(),
        "sha256sum:   " + v.sha256() + "  " + printable(shortName),
        "committed:   " + StatusView.time(v.committedAtMillis()),
        "requires:    " + (v.requiredCapabilities().isEmpty() ? "any node" : String.join(", ", v.requiredCapabilities())),
        "replicas:    " + status.liveReplicas() + " of " + (long) status.chunks() * replication + " live"
            + (status.chunks() == 0 ? "" : ", fewest on a chunk: " + status.minLiveReplicas()),
        "health:      " + health)));
  }

  /** The version's health as list reports it, counted from where its chunks live. */
  static ArtifactStatus status(ArtifactReplicas replicas) {
    ArtifactVersion v = replicas.version();
    long live = replicas.chunks().stream().mapToLong(c -> c.nodeIds().size()).sum();
    int min = replicas.chunks().stream().mapToInt(c -> c.nodeIds().size()).min().orElse(replicas.replication());
    return new ArtifactStatus(v.name(), v.version(), v.size(), v.sha256(), v.chunks().size(), live, min, v.committedAtMillis(),
        v.requiredCapabilities());
  }
}
