package io.stork.storagenode;

import io.stork.protocol.ByteSizes;
import java.io.IOException;
import java.time.Clock;

/**
 * What a storage node keeps in its data directory: its chunks ({@code chunks/}), its trash of
 * orphans ({@code trash/}), the namespace records it was given ({@code records/}), and the room it has.
 */
record NodeFiles(ChunkStore chunks, Trash trash, RecordStore records, DiskSpace space) {

  /** Opens (creating if needed) every part; a failure says plainly what is wrong with the directory. */
  static NodeFiles open(StorageNodeSettings settings) throws IOException {
    try {
      ChunkStore chunks = ChunkStore.open(settings.dataDir());
      Trash trash = Trash.open(settings.dataDir(), Clock.systemUTC());
      return new NodeFiles(chunks, trash, RecordStore.open(settings.dataDir()), DiskSpace.of(settings, trash::bytes));
    } catch (IOException e) {
      throw DataDirProblem.explain(settings.dataDir(), e);
    }
  }

  /** "12 chunks (3 MiB), 2 in trash, 5 namespace records": what a start logs. */
  String summary() {
    return chunks.chunkCount() + " chunks (" + ByteSizes.format(chunks.usedBytes()) + "), " + trash.count() + " in trash, "
        + records.size() + " namespace records" + (records.damaged() > 0 ? " (" + records.damaged() + " damaged, skipped)" : "");
  }
}
