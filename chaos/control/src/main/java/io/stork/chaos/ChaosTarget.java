package io.stork.chaos;

import io.stork.client.StorkClient;
import io.stork.protocol.FaultRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The storage nodes chaos acts on, wherever they run: in this JVM, or in processes of their own. */
public interface ChaosTarget {
  StorkClient client();

  /** The nodes chaos may name. */
  List<String> nodeIds();

  /** Of {@link #nodeIds}, those running now (in a multi-process cluster: those the name node sees up). */
  Set<String> runningNodes();

  /** Ends a running node as a crash would: no goodbye, its data stays on disk. Returns once it is gone. */
  void crash(String nodeId);

  /** Starts a crashed node again on its data directory. */
  void restart(String nodeId);

  /** The drops and delays of messages to storage nodes are now {@code rules}: tell every node that needs telling. */
  void faultsChanged(FaultRules rules);

  /** The node's data directory, as this process can reach it (to damage a replica). */
  Path nodeDir(String nodeId);
}
