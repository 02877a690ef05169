package io.stork.storagenode;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.http.ProcessMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage nodes' metrics in one process's registry, each series labelled with the node's id
 * (an embedded cluster runs several): chunks, bytes used and capacity (read from the chunk store
 * at each scrape), trashed orphans and namespace records kept, read and write latency, scrub progress and damaged replicas found. A running
 * storage node is {@linkplain #attach attached}; a stopped one's state gauges disappear with it.
 */
public final class StorageNodeMetrics {
  private final Map<String, Node> attached = new ConcurrentHashMap<>();
  private final Histogram reads;
  private final Histogram writes;
  private final Counter damaged;
  private final Counter scrubbedChunks;
  private final Counter scrubPasses;

  public StorageNodeMetrics(PrometheusRegistry registry) {
    reads = latency("stork_storage_read", "Chunk reads from disk, checksum verified (client reads and copy sources)", registry);
    writes = latency("stork_storage_write", "Chunk writes to disk, fsynced and renamed", registry);
    damaged = counter("stork_storage_damaged_replicas", "Replicas found damaged (on a read or by the scrubber) and deleted",
        registry);
    scrubbedChunks = counter("stork_storage_scrub_verified_chunks", "Chunks the scrubber read back and verified", registry);
    scrubPasses = counter("stork_storage_scrub_passes", "Full passes of the scrubber over the node's chunks", registry);
    gauge("stork_storage_chunks", "Chunks on the node's disk", registry, node -> node.store.chunkCount());
    gauge("stork_storage_used_bytes", "Bytes of chunk data on the node's disk", registry, node -> node.store.usedBytes());
    gauge("stork_storage_trash_chunks", "Orphan chunks in the node's trash, deleted after stork.orphan-grace", registry,
        node -> node.files.trash().count());
    gauge("stork_storage_trash_bytes", "Bytes of the files in the node's trash", registry, node -> node.files.trash().bytes());
    gauge("stork_storage_namespace_records", "Namespace records (manifests, tombstones) kept beside the chunks", registry,
        node -> node.files.records().size());
    gauge("stork_storage_capacity_bytes", "Bytes the node accepts", registry, node -> node.capacityBytes);
    gauge("stork_storage_scrub_pass_ratio", "How far the scrubber's current pass has come (0 to 1)", registry,
        Node::scrubRatio);
    gauge("stork_storage_reported", "1 once the name node has asked the node for its chunks (it joined)", registry,
        node -> node.reported ? 1 : 0);
  }

  /** A running storage node: its state gauges read {@code files}; its latencies and counters go to its id's series. */
  Node attach(StorageNodeSettings settings, NodeFiles files) {
    Node node = new Node(settings.nodeId(), files, settings.capacityBytes());
    attached.put(node.id, node);
    return node;
  }

  /** True when storage node {@code nodeId} runs here and the name node has asked it for its chunks. */
  public boolean reported(String nodeId) {
    Node node = attached.get(nodeId);
    return node != null && node.reported;
  }

  /** One running storage node's handle; called on its actor's thread (and its disk pool for writes). */
  final class Node {
    private final String id;
    private final ChunkStore store;
    private final NodeFiles files;
    private final long capacityBytes;
    private final DistributionDataPoint readLatency;
    private final DistributionDataPoint writeLatency;
    private final CounterDataPoint damagedFound;
    private volatile boolean reported;
    private volatile long scrubbedThisPass;
    private long scrubbedSeen;
    private long passesSeen;

    private Node(String id, NodeFiles files, long capacityBytes) {
      this.id = id;
      this.files = files;
      this.store = files.chunks();
      this.capacityBytes = capacityBytes;
      this.readLatency = reads.labelValues(id);
      this.writeLatency = writes.labelValues(id);
      this.damagedFound = damaged.labelValues(id);
    }

    void read(long nanos) {
      readLatency.observe(ProcessMetrics.seconds(nanos));
    }

    void wrote(long nanos) {
      writeLatency.observe(ProcessMetrics.seconds(nanos));
    }

    void damaged() {
      damagedFound.inc();
    }

    void reported() {
      reported = true;
    }

    /** The node stopped: its state gauges go (its counters stay, as counters do, for the life of the process). */
    void detach() {
      attached.remove(id, this);
    }

    /** The scrubber's totals so far (of this incarnation): the counters move by what is new. */
    void scrubbed(Scrubber scrubber) {
      scrubbedChunks.labelValues(id).inc(scrubber.verified() - scrubbedSeen);
      scrubPasses.labelValues(id).inc(scrubber.passes() - passesSeen);
      scrubbedSeen = scrubber.verified();
      passesSeen = scrubber.passes();
      scrubbedThisPass = scrubber.verifiedThisPass();
    }

    private double scrubRatio() {
      long chunks = store.chunkCount();
      return chunks == 0 ? 1 : Math.min(1, (double) scrubbedThisPass / chunks);
    }
  }

  private static Histogram latency(String name, String help, PrometheusRegistry registry) {
    return ProcessMetrics.latency(name, help).labelNames("node").register(registry);
  }

  private static Counter counter(String name, String help, PrometheusRegistry registry) {
    return Counter.builder().name(name).help(help).labelNames("node").register(registry);
  }

  private void gauge(String name, String help, PrometheusRegistry registry, java.util.function.ToDoubleFunction<Node> value) {
    GaugeWithCallback.builder().name(name).help(help).labelNames("node")
        .callback(callback -> attached.values().forEach(node -> callback.call(value.applyAsDouble(node), node.id)))
        .register(registry);
  }
}
