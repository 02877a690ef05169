package io.stork.protocol;

import org.apache.pekko.actor.typed.ActorRef;

/** What an upload session on the name node understands: the content in frames, then finish or abort. */
public final class UploadProtocol {
  private UploadProtocol() {}

  public interface Command {}

  /** Content bytes in order; {@code seq} counts frames from 0. */
  public record Frame(long seq, byte[] data, ActorRef<FrameAccepted> replyTo) implements Command, StorkMessage {}

  public record FrameAccepted(long seq, String error) implements StorkMessage {}

  /** The content is complete; commit it. */
  public record Finish(ActorRef<UploadResult> replyTo) implements Command, StorkMessage {}

  /** The client gives up; nothing becomes visible and stored chunks are removed. */
  public record Abort() implements Command, StorkMessage {}

  public record UploadResult(ArtifactVersion version, String error) implements StorkMessage {}
}
