package io.stork.client;

import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.ClusterStatus;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.runtime.Requests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * The Java API of Stork: blocking calls with timeouts, safe to use from many threads. Every
 * failure is a {@link StorkException} whose message is one line fit for a user.
 */
public final class StorkClient {
  private final ActorSystem<?> system;
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ClientSettings settings;
  private final Requests requests;
  private final Uploader uploader;
  private final Downloader downloader;

  public StorkClient(ActorSystem<?> system, ActorRef<NameNodeProtocol.Command> nameNode, ClientSettings settings) {
    this.system = system;
    this.nameNode = nameNode;
    this.settings = settings;
    this.requests = new Requests(system.scheduler());
    this.uploader = new Uploader(requests, nameNode, settings);
    this.downloader = new Downloader(requests, nameNode, settings);
  }

  /** How a write places its chunks: on nodes that declared every one of these capabilities. */
  public record WriteOptions(List<String> requiredCapabilities) {
    public static final WriteOptions DEFAULT = new WriteOptions(List.of());

    public WriteOptions {
      requiredCapabilities = List.copyOf(requiredCapabilities);
    }
  }

  // ---- writes ----

  public ArtifactVersion upload(String name, byte[] content) {
    return write(name, false, new ByteArrayInputStream(content), content.length, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion update(String name, byte[] content) {
    return write(name, true, new ByteArrayInputStream(content), content.length, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion upload(String name, Path file) {
    return writeFile(name, false, file, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  public ArtifactVersion update(String name, Path file) {
    return writeFile(name, true, file, WriteOptions.DEFAULT, TransferListener.NONE);
  }

  /** Uploads ({@code replace = false}) or updates the content of a local file. */
  public ArtifactVersion writeFile(String name, boolean replace, Path file, WriteOptions options, TransferListener listener) {
    checkReadableFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      return write(name, replace, in, Files.size(file), options, listener);
    } catch (IOException e) {
      throw new StorkException("cannot read " + file + ": " + describe(e), e);
    }
  }

  /** Uploads or updates content from a stream of {@code totalBytes} bytes (-1: unknown). */
  public ArtifactVersion write(String name, boolean replace, InputStream content, long totalBytes,
                               WriteOptions options, TransferListener listener) {
    return uploader.write(name, replace, options.requiredCapabilities(), content, totalBytes, listener);
  }

  public void delete(String name) {
    NameNodeProtocol.OpResult result = requests.askAndWait(nameNode, replyTo -> new NameNodeProtocol.Delete(name, replyTo),
        settings.requestTimeout(), "the name node");
    if (result.error() != null) {
      throw new StorkException(result.error());
    }
  }

  // ---- reads ----

  /** Writes the current version's content to {@code out}; verified before this returns. */
  public ArtifactVersion get(String name, OutputStream out, TransferListener listener) {
    return read(locate(name), out, listener);
  }

  /** Writes the version {@link #locate} found to {@code out}, without asking where it is again. */
  public ArtifactVersion read(NameNodeProtocol.Located located, OutputStream out, TransferListener listener) {
    try {
      return downloader.read(located, out, listener);
    } catch (IOException e) {
      throw new StorkException("cannot write the content: " + describe(e), e);
    }
  }

  public byte[] getBytes(String name) {
    NameNodeProtocol.Located located = downloader.locate(name);
    if (located.version().size() > Integer.MAX_VALUE - 16) {
      throw new StorkException("artifact '" + ArtifactNames.printable(name) + "' is too large to hold in memory; write it to a file");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) located.version().size());
    try {
      downloader.read(located, out, TransferListener.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the content to {@code file}: into a temporary file beside it, renamed over {@code file}
   * only once the whole content has passed its SHA-256 check, so a failed get leaves no partial file.
   */
  public ArtifactVersion get(String name, Path file, TransferListener listener) {
    Path target = file.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new StorkException(file + " is a directory");
    }
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new StorkException("directory " + dir + " does not exist");
    }
    NameNodeProtocol.Located located = downloader.locate(name);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".stork-partial");
      try (OutputStream out = Files.newOutputStream(temp)) {
        downloader.read(located, out, listener);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return located.version();
    } catch (IOException e) {
      throw new StorkException("cannot write " + file + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the partial file is hidden and named as such
        }
      }
    }
  }

  /** The current version of {@code name} and the live replicas of each chunk. */
  public NameNodeProtocol.Located locate(String name) {
    return downloader.locate(name);
  }

  public ClusterStatus status() {
    return requests.askAndWait(nameNode, NameNodeProtocol.GetStatus::new, settings.requestTimeout(), "the name node");
  }

  /**
   * Asks for the status every {@code every} until {@code reached} holds or {@code timeout} has
   * passed; returns the last status seen (test it again to tell which). An interrupt cancels.
   */
  public ClusterStatus awaitStatus(Predicate<ClusterStatus> reached, Duration timeout, Duration every) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ClusterStatus status = status();
      if (reached.test(status) || System.nanoTime() > deadline) {
        return status;
      }
      try {
        Thread.sleep(every.toMillis()); // polls the name node: its answers are what is waited for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorkException("cancelled");
      }
    }
  }

  /** Artifact names starting with {@code prefix}, sorted, at most {@code limit}. */
  public List<String> names(String prefix, int limit) {
    NameNodeProtocol.Names names = requests.askAndWait(nameNode, replyTo -> new NameNodeProtocol.ListNames(prefix, limit, replyTo),
        settings.requestTimeout(), "the name node");
    return names.names();
  }

  /**
   * Calls {@code listener} with every cluster event (a node died or joined, the store healed), on
   * an actor thread, until the returned handle is closed.
   */
  public AutoCloseable subscribe(Consumer<NameNodeProtocol.ClusterEvent> listener) {
    ActorRef<Object> forwarder = system.systemActorOf(EventForwarder.create(listener),
        "events-" + UUID.randomUUID(), Props.empty());
    nameNode.tell(new NameNodeProtocol.Subscribe(forwarder.narrow()));
    return () -> forwarder.tell(EventForwarder.Stop.INSTANCE);
  }

  private static void checkReadableFile(Path file) {
    if (!Files.exists(file)) {
      throw new StorkException("file " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new StorkException(file + " is a directory, not a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new StorkException(file + " is not a regular file (a device or a pipe has no end to upload)");
    }
    if (!Files.isReadable(file)) {
      throw new StorkException("file " + file + " is not readable");
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return String.valueOf(e.getMessage());
  }
}
