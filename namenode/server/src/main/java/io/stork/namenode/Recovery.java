package io.stork.namenode;

import io.stork.namenode.journal.JournalEntry;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.NameNodeProtocol.RecoverReply;
import io.stork.protocol.NameNodeProtocol.Recovered;
import io.stork.protocol.NamespaceRecord;
import io.stork.protocol.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;

/**
 * Rebuilds the namespace from what the storage nodes keep of it: each record newer than the
 * namespace (a manifest of a version it lacks, the tombstone of a delete it lacks) is journaled as
 * if the change had just been made, and the nodes are then asked again for their chunks, which
 * the restored versions now want. Owned by the name node.
 */
final class Recovery {
  private final JournaledNamespace names;
  private final ActorRef<ReplicaKeeper.Command> keeper;
  private final Logger log;

  Recovery(JournaledNamespace names, ActorRef<ReplicaKeeper.Command> keeper, Logger log) {
    this.names = names;
    this.keeper = keeper;
    this.log = log;
  }

  void restore(List<NamespaceRecord> records, ActorRef<RecoverReply> client) {
    List<JournalEntry> entries = new ArrayList<>();
    for (NamespaceRecord record : records) {
      ArtifactVersion current = names.current(record.name());
      if (record instanceof NamespaceRecord.Manifest manifest && manifest.version() >= names.nextVersion(record.name())) {
        entries.add(new JournalEntry.Committed(manifest.artifact()));
      } else if (record instanceof NamespaceRecord.Tombstone && current != null && current.version() <= record.version()) {
        entries.add(new JournalEntry.Deleted(record.name(), current.version()));
      }
    }
    List<String> restored = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    if (entries.isEmpty()) {
      client.tell(new Recovered(restored, deleted));
      return;
    }
    int[] waiting = {entries.size()};
    Refused[] failed = {null};
    for (JournalEntry entry : entries) {
      names.write(entry, failure -> {
        if (failure != null) {
          failed[0] = failure;
        } else if (entry instanceof JournalEntry.Committed committed) {
          restored.add(entry.name());
          keeper.tell(new ReplicaKeeper.Want(committed.version(), Map.of(), List.of()));
        } else {
          deleted.add(entry.name());
        }
        if (--waiting[0] == 0) {
          log.warn("recovered from the storage nodes' records: {} version(s) restored, {} delete(s){}", restored.size(),
              deleted.size(), failed[0] == null ? "" : "; the journal failed: " + failed[0].message());
          keeper.tell(ReplicaKeeper.Rescan.INSTANCE);
          client.tell(failed[0] != null ? failed[0] : new Recovered(restored, deleted));
        }
      });
    }
  }
}
