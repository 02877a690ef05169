package io.stork.bench;

import io.stork.client.StorkClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The name node's CPU time while a client uploads, as a share of the uploading client's (this
 * JVM's): the name node only leases, places and commits, so it should stay a small fraction. Then
 * the name node's CPU over as long again with nothing to do, as a share of the same client time:
 * what of the first share is the membership's background (heartbeats, gossip, timers, the JIT) and
 * not the upload.
 */
final class CpuShare {
  private CpuShare() {}

  static List<Figure> duringUpload(StorkClient client, long nameNodePid, Path dir, long size) throws IOException {
    Path source = ClusterBench.randomFile(dir.resolve("cpu-share.bin"), size);
    ProcessHandle nameNode = ProcessHandle.of(nameNodePid)
        .orElseThrow(() -> new IllegalStateException("the name node (pid " + nameNodePid + ") is not running"));
    Duration nameNodeBefore = cpu(nameNode);
    Duration clientBefore = cpu(ProcessHandle.current());
    long started = System.nanoTime();
    client.upload("cpu-share", source);
    long wall = System.nanoTime() - started;
    double nameNodeCpu = cpu(nameNode).minus(nameNodeBefore).toNanos();
    double clientCpu = cpu(ProcessHandle.current()).minus(clientBefore).toNanos();
    Duration idleBefore = cpu(nameNode);
    LockSupport.parkNanos(wall); // idle on purpose: the name node's background over the upload's wall time
    double idleCpu = cpu(nameNode).minus(idleBefore).toNanos();
    client.delete("cpu-share"); // after the idle window, which its journal write and retirements would fill
    Files.delete(source);
    String upload = " during a " + (size >> 20) + " MiB upload";
    return List.of(
        Figure.of("processes: name node CPU / client CPU" + upload, nameNodeCpu / clientCpu, "x"),
        Figure.of("processes: name node CPU when idle as long / client CPU" + upload, idleCpu / clientCpu, "x"));
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + process.pid() + " on this system"));
  }
}
