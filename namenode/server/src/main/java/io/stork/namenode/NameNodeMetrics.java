package io.stork.namenode;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stork.http.ProcessMetrics;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.Refused;
import java.util.Locale;

/**
 * What the name node counts as it works, in one process's registry: uploads (begin to commit),
 * gets (locates) and deletes, each by outcome ({@code ok}, or why it was refused or ended) with
 * latency histograms; and journal fsyncs. Its state (artifacts, chunks, repairs, leases, nodes) is
 * asked for at each scrape: see {@link NameNodeGauges}.
 */
public final class NameNodeMetrics {
  /** How an upload ended, besides a refusal of some {@link ErrorKind}. */
  enum UploadEnd { COMMITTED, ABORTED, EXPIRED }

  private final Counter uploads;
  private final Histogram uploadSeconds;
  private final Counter gets;
  private final Histogram getSeconds;
  private final Counter deletes;
  private final Histogram deleteSeconds;
  private final Histogram journalSync;

  public NameNodeMetrics(PrometheusRegistry registry) {
    uploads = outcomes("stork_namenode_uploads", "Uploads and updates by how they ended: committed, aborted (by the client), "
        + "expired (its client fell silent), or refused (the kind of refusal)", registry);
    uploadSeconds = latency("stork_namenode_upload", "From an upload's begin to its commit being journaled", registry);
    gets = outcomes("stork_namenode_gets", "Locates (the name node's part of a get) by outcome: ok or the kind of refusal", registry);
    getSeconds = latency("stork_namenode_get", "From a locate's arrival to its answer", registry);
    deletes = outcomes("stork_namenode_deletes", "Deletes by outcome: ok or the kind of refusal", registry);
    deleteSeconds = latency("stork_namenode_delete", "From a delete's arrival to its journal record being fsynced", registry);
    journalSync = latency("stork_namenode_journal_fsync", "One group commit of the journal: write and fsync", registry);
  }

  void uploadEnded(UploadEnd end, long beganNanos, long nowNanos) {
    uploads.labelValues(end.name().toLowerCase(Locale.ROOT)).inc();
    if (end == UploadEnd.COMMITTED) {
      uploadSeconds.observe(ProcessMetrics.seconds(nowNanos - beganNanos));
    }
  }

  void uploadsExpired(int count) {
    if (count > 0) {
      uploads.labelValues("expired").inc(count);
    }
  }

  void uploadRefused(ErrorKind kind) {
    uploads.labelValues(label(kind)).inc();
  }

  void located(long nanos) {
    gets.labelValues("ok").inc();
    getSeconds.observe(ProcessMetrics.seconds(nanos));
  }

  void locateRefused(ErrorKind kind) {
    gets.labelValues(label(kind)).inc();
  }

  /** A delete's journal write ended, {@code nanos} after it arrived: done, or {@code failure}. */
  void deleteJournaled(Refused failure, long nanos) {
    if (failure != null) {
      deleteRefused(failure.kind());
      return;
    }
    deletes.labelValues("ok").inc();
    deleteSeconds.observe(ProcessMetrics.seconds(nanos));
  }

  void deleteRefused(ErrorKind kind) {
    deletes.labelValues(label(kind)).inc();
  }

  /** One journal group commit took {@code nanos} (called on the journal writer's thread). */
  void journalSynced(long nanos) {
    journalSync.observe(ProcessMetrics.seconds(nanos));
  }

  private static String label(ErrorKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static Counter outcomes(String name, String help, PrometheusRegistry registry) {
    return Counter.builder().name(name).help(help).labelNames("outcome").register(registry);
  }

  private static Histogram latency(String name, String help, PrometheusRegistry registry) {
    return ProcessMetrics.latency(name, help).register(registry);
  }
}
