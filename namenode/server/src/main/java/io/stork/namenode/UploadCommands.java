package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ChunkId;
import io.stork.protocol.ChunkRef;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.NameNodeProtocol.AbortUpload;
import io.stork.protocol.NameNodeProtocol.BeginReply;
import io.stork.protocol.NameNodeProtocol.BeginUpload;
import io.stork.protocol.NameNodeProtocol.CommitUpload;
import io.stork.protocol.NameNodeProtocol.Committed;
import io.stork.protocol.NameNodeProtocol.LeaseRenewed;
import io.stork.protocol.NameNodeProtocol.PlaceChunks;
import io.stork.protocol.NameNodeProtocol.PlaceReply;
import io.stork.protocol.NameNodeProtocol.Placed;
import io.stork.protocol.NameNodeProtocol.Placement;
import io.stork.protocol.NameNodeProtocol.RenewLease;
import io.stork.protocol.NameNodeProtocol.UploadBegun;
import io.stork.protocol.NameNodeProtocol.WrittenChunk;
import io.stork.protocol.Refused;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * The name node's handling of uploads: begin (a lease on the name), place chunks, renew, commit
 * (journaled, then wanted by the replica keeper) and abort, and the expiry of silent leases. The
 * name node owns it and feeds it the upload messages and the keeper's placements.
 */
final class UploadCommands {
  /** What a placement was asked for: the start of an upload (who began it), or more chunks of one (who asked). */
  record PlaceFor(Uploads.Upload upload, ActorRef<BeginReply> begun, ActorRef<PlaceReply> placed) {}

  private final NameNodeSettings settings;
  private final Uploads uploads;
  private final JournaledNamespace names;
  private final ActorRef<ReplicaKeeper.Command> keeper;
  private final ActorRef<ReplicaKeeper.Placed> placements;
  private final NameNodeMetrics metrics;
  private final Logger log;

  UploadCommands(NameNodeSettings settings, JournaledNamespace names, ActorRef<ReplicaKeeper.Command> keeper,
                 ActorRef<ReplicaKeeper.Placed> placements, NameNodeMetrics metrics, Logger log) {
    this.settings = settings;
    this.uploads = new Uploads(settings.leaseTimeout().toNanos(), settings.commitRetention().toNanos());
    this.names = names;
    this.keeper = keeper;
    this.placements = placements;
    this.metrics = metrics;
    this.log = log;
  }

  int inProgress() {
    return uploads.inProgress();
  }

  void begin(BeginUpload begin) {
    Refused refused = names.checkWrite(begin.name(), begin.replace());
    if (refused == null && !begin.replace() && uploads.isCreating(begin.name())) {
      refused = new Refused(ErrorKind.CONFLICT, "artifact '" + ArtifactNames.printable(begin.name())
          + "' is being uploaded by another client");
    }
    if (refused == null) {
      refused = checkSizes(begin.firstChunks());
    }
    if (refused != null) {
      metrics.uploadRefused(refused.kind());
      begin.replyTo().tell(refused);
      return;
    }
    Uploads.Upload upload = uploads.begin(begin.name(), begin.replace(), begin.requiredCapabilities(), System.nanoTime());
    keeper.tell(new ReplicaKeeper.Place(begin.firstChunks(), List.of(), upload.requiredCapabilities, true, begin.totalBytes(),
        new PlaceFor(upload, begin.replyTo(), null), placements));
  }

  void place(PlaceChunks place) {
    Uploads.Upload upload = uploads.open(place.lease(), System.nanoTime());
    Refused refused = upload == null ? leaseLost() : checkSizes(place.newChunks());
    if (refused == null && place.replacements().stream().anyMatch(r -> !upload.chunks.containsKey(r.chunkId()))) {
      refused = new Refused(ErrorKind.INVALID, "a replacement names a chunk not placed for this upload");
    }
    if (refused != null) {
      place.replyTo().tell(refused);
      return;
    }
    keeper.tell(new ReplicaKeeper.Place(place.newChunks(), place.replacements(), upload.requiredCapabilities, false, -1,
        new PlaceFor(upload, null, place.replyTo()), placements));
  }

  private Refused checkSizes(List<Integer> sizes) {
    if (sizes.size() > settings.maxChunksPerRequest()) {
      return new Refused(ErrorKind.INVALID, "at most " + settings.maxChunksPerRequest() + " chunks are placed at once");
    }
    if (sizes.stream().anyMatch(size -> size < 1 || size > settings.chunkSize())) {
      return new Refused(ErrorKind.INVALID, "a chunk must hold 1 to " + settings.chunkSize() + " bytes (the chunk size)");
    }
    return null;
  }

  void placed(ReplicaKeeper.Placed placed) {
    PlaceFor request = (PlaceFor) placed.tag();
    Uploads.Upload upload = request.upload();
    boolean open = uploads.get(upload.lease) == upload && upload.stage == Uploads.Stage.OPEN;
    if (!open || placed.refused() != null) {
      // Nothing new of it may stay placed: the upload ended or began its commit meanwhile, or the
      // placement failed. A replacement's chunk was placed before: the commit or the end settles it.
      keeper.tell(new ReplicaKeeper.Release(placed.placements().stream().map(Placement::chunkId)
          .filter(chunkId -> !upload.chunks.containsKey(chunkId)).toList()));
      if (request.begun() != null && open) {
        keeper.tell(new ReplicaKeeper.Release(uploads.end(upload))); // a refused start leaves no lease
      }
      Refused refused = placed.refused() != null ? placed.refused()
          : upload.stage == Uploads.Stage.OPEN || uploads.get(upload.lease) != upload ? leaseLost()
          : new Refused(ErrorKind.CONFLICT, "the upload is being committed: no more chunks are placed for it");
      if (request.begun() != null) {
        metrics.uploadRefused(refused.kind());
        request.begun().tell(refused);
      } else {
        request.placed().tell(refused);
      }
      return;
    }
    for (int i = 0; i < placed.placements().size(); i++) {
      uploads.placed(upload, placed.placements().get(i).chunkId(), placed.sizes().get(i));
    }
    if (request.begun() != null) {
      request.begun().tell(new UploadBegun(upload.lease, settings.chunkSize(), settings.replication(), settings.minReplicas(),
          settings.leaseTimeout().toMillis(), placed.placements()));
    } else {
      request.placed().tell(new Placed(placed.placements()));
    }
  }

  /** An open lease is renewed; one whose commit runs or has run is held by it. */
  void renew(RenewLease renew) {
    Uploads.Upload upload = uploads.get(renew.lease());
    boolean held = upload != null && (upload.stage != Uploads.Stage.OPEN || uploads.open(renew.lease(), System.nanoTime()) != null);
    renew.replyTo().tell(held ? new LeaseRenewed(renew.lease()) : leaseLost());
  }

  void commit(CommitUpload commit) {
    Uploads.Upload upload = uploads.get(commit.lease());
    if (upload == null) {
      commit.replyTo().tell(leaseLost());
      return;
    }
    switch (upload.stage) {
      case COMMITTED -> commit.replyTo().tell(new Committed(upload.committed)); // asked again: the same answer
      case COMMITTING -> upload.waiting.add(commit.replyTo());
      case OPEN -> startCommit(upload, commit);
    }
  }

  private void startCommit(Uploads.Upload upload, CommitUpload commit) {
    String invalid = Uploads.invalidCommit(upload, commit.size(), commit.sha256(), commit.chunks());
    Refused refused = invalid != null ? new Refused(ErrorKind.INVALID, invalid) : names.checkWrite(upload.name, upload.replace);
    if (refused != null) {
      commit.replyTo().tell(refused);
      return;
    }
    List<ChunkRef> chunks = commit.chunks().stream().map(WrittenChunk::chunk).toList();
    ArtifactVersion version = new ArtifactVersion(upload.name, names.nextVersion(upload.name),
        commit.size(), commit.sha256(), chunks, System.currentTimeMillis(), upload.requiredCapabilities);
    Map<ChunkId, List<String>> replicas = commit.chunks().stream()
        .collect(Collectors.toMap(written -> written.chunk().id(), WrittenChunk::nodeIds));
    uploads.commitStarted(upload);
    upload.waiting.add(commit.replyTo());
    names.write(new JournalEntry.Committed(version), failure -> {
      if (failure == null) {
        uploads.committed(upload, version, System.nanoTime());
        metrics.uploadEnded(NameNodeMetrics.UploadEnd.COMMITTED, upload.beganNanos, System.nanoTime());
        keeper.tell(new ReplicaKeeper.Want(version, replicas, upload.chunks.keySet().stream()
            .filter(chunkId -> !replicas.containsKey(chunkId)).toList()));
      } else {
        uploads.commitFailed(upload, System.nanoTime());
      }
      upload.waiting.forEach(waiter -> waiter.tell(failure == null ? new Committed(version) : failure));
      upload.waiting.clear();
    });
  }

  void abort(AbortUpload abort) {
    Uploads.Upload upload = uploads.open(abort.lease(), System.nanoTime());
    if (upload != null) {
      keeper.tell(new ReplicaKeeper.Release(uploads.end(upload)));
      metrics.uploadEnded(NameNodeMetrics.UploadEnd.ABORTED, upload.beganNanos, System.nanoTime());
    }
  }

  /** Ends the uploads whose client stopped renewing, and collects their chunks. */
  void expireLeases() {
    int inProgress = uploads.inProgress();
    List<ChunkId> abandoned = uploads.expire(System.nanoTime());
    metrics.uploadsExpired(inProgress - uploads.inProgress());
    if (!abandoned.isEmpty()) {
      log.info("collecting {} chunks of uploads whose client stopped renewing their lease", abandoned.size());
      keeper.tell(new ReplicaKeeper.Release(abandoned));
    }
  }

  private static Refused leaseLost() {
    return new Refused(ErrorKind.CONFLICT, "the upload's lease has expired (the client was silent too long) or is unknown");
  }
}
