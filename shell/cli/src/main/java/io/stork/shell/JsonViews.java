package io.stork.shell;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.NodeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON objects of the shell's results, field by field as docs/JSON.md documents them. */
final class JsonViews {
  private JsonViews() {}

  /** A committed version: what upload, update, get and stat report. */
  static Map<String, Object> version(String command, ArtifactVersion v) {
    Map<String, Object> o = Json.result(command);
    o.put("name", v.name());
    o.put("version", v.version());
    o.put("size", v.size());
    o.put("chunks", v.chunks().size());
    o.put("sha256", v.sha256());
    o.put("committedAt", Json.time(v.committedAtMillis()));
    o.put("committedAtMillis", v.committedAtMillis());
    o.put("requiredCapabilities", v.requiredCapabilities());
    return o;
  }

  /** One row of list: an artifact and its replication health. */
  static Map<String, Object> artifact(ArtifactStatus a, int replication) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", a.name());
    o.put("version", a.version());
    o.put("size", a.size());
    o.put("chunks", a.chunks());
    o.put("sha256", a.sha256());
    o.put("liveReplicas", a.liveReplicas());
    o.put("wantedReplicas", (long) a.chunks() * replication);
    o.put("minLiveReplicas", a.minLiveReplicas());
    o.put("health", StatusView.health(a, replication));
    o.put("committedAt", Json.time(a.committedAtMillis()));
    o.put("committedAtMillis", a.committedAtMillis());
    o.put("requiredCapabilities", a.requiredCapabilities());
    return o;
  }

  static Map<String, Object> node(NodeStatus n) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", n.id());
    o.put("state", n.state().label());
    o.put("zone", n.zone() == null ? "" : n.zone());
    o.put("capabilities", n.capabilities());
    o.put("chunks", n.chunks());
    o.put("usedBytes", n.usedBytes());
    o.put("capacityBytes", n.capacityBytes());
    o.put("address", n.address() == null ? "" : n.address());
    return o;
  }

  static Map<String, Object> summary(ClusterSummary s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("replication", s.replication());
    o.put("chunkSize", s.chunkSize());
    o.put("nodesUp", s.nodesUp());
    o.put("nodesTotal", s.nodesTotal());
    o.put("artifacts", s.artifacts());
    o.put("bytes", s.bytes());
    o.put("chunks", s.chunks());
    o.put("underReplicatedChunks", s.underReplicatedChunks());
    o.put("underReplicatedBytes", s.underReplicatedBytes());
    o.put("unavailableChunks", s.unavailableChunks());
    o.put("copiesInFlight", s.copiesInFlight());
    o.put("chunksRepaired", s.chunksRepaired());
    o.put("bytesRepaired", s.bytesRepaired());
    o.put("safeMode", s.safeMode());
    return o;
  }

  /** Every chunk of a version, from 0, with its full id and the nodes holding a live replica. */
  static List<Map<String, Object>> chunks(ArtifactReplicas replicas) {
    List<Map<String, Object>> chunks = new ArrayList<>();
    for (int i = 0; i < replicas.chunks().size(); i++) {
      ArtifactReplicas.ChunkReplicas c = replicas.chunks().get(i);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("index", i);
      o.put("id", c.chunk().id().toString());
      o.put("size", c.chunk().size());
      o.put("crc32c", String.format("%08x", c.chunk().crc32c()));
      o.put("liveReplicas", c.nodeIds().size());
      o.put("nodes", c.nodeIds().stream().sorted(StatusView.NATURAL).toList());
      chunks.add(o);
    }
    return chunks;
  }
}
