package io.stork.bench;

import io.stork.client.StorkClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The name node's CPU time while a client uploads, as a share of the uploading client's (this
 * JVM's): the name node only leases, places and commits, so it should stay a small fraction.
 */
final class CpuShare {
  private CpuShare() {}

  static Figure duringUpload(StorkClient client, long nameNodePid, Path dir, long size) throws IOException {
    Path source = ClusterBench.randomFile(dir.resolve("cpu-share.bin"), size);
    ProcessHandle nameNode = ProcessHandle.of(nameNodePid)
        .orElseThrow(() -> new IllegalStateException("the name node (pid " + nameNodePid + ") is not running"));
    Duration nameNodeBefore = cpu(nameNode);
    Duration clientBefore = cpu(ProcessHandle.current());
    client.upload("cpu-share", source);
    double nameNodeCpu = cpu(nameNode).minus(nameNodeBefore).toNanos();
    double clientCpu = cpu(ProcessHandle.current()).minus(clientBefore).toNanos();
    client.delete("cpu-share");
    Files.delete(source);
    return Figure.of("processes: name node CPU / client CPU during a " + (size >> 20) + " MiB upload", nameNodeCpu / clientCpu,
        "x");
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + process.pid() + " on this system"));
  }
}
