package io.stork.namenode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Streams one artifact's content to the name node: frames of {@code frameSize} bytes, at most
 * {@code framesInFlight} unacknowledged, so that neither side ever holds the whole artifact.
 */
final class Uploader {
  private final Requests requests;
  private final ActorRef<NameNode.Command> nameNode;
  private final ClientSettings settings;

  Uploader(Requests requests, ActorRef<NameNode.Command> nameNode, ClientSettings settings) {
    this.requests = requests;
    this.nameNode = nameNode;
    this.settings = settings;
  }

  ArtifactVersion write(String name, boolean replace, List<String> requiredCapabilities, InputStream content,
                        long totalBytes, TransferListener listener) {
    NameNode.UploadBegun begun = requests.askAndWait(nameNode,
        replyTo -> new NameNode.BeginUpload(name, replace, requiredCapabilities, replyTo), settings.requestTimeout(), "the name node");
    if (begun.error() != null) {
      throw new StorkException(begun.error());
    }
    ActorRef<UploadSession.Command> session = begun.session();
    boolean finished = false;
    try {
      stream(session, content, totalBytes, listener);
      UploadSession.UploadResult result = requests.askAndWait(session, UploadSession.Finish::new,
          settings.commitTimeout(), "the name node");
      finished = true;
      if (result.error() != null) {
        throw new StorkException(result.error());
      }
      return result.version();
    } finally {
      if (!finished) {
        session.tell(new UploadSession.Abort());
      }
    }
  }

  private void stream(ActorRef<UploadSession.Command> session, InputStream content, long totalBytes,
                      TransferListener listener) {
    ArrayDeque<CompletionStage<UploadSession.FrameAccepted>> window = new ArrayDeque<>();
    long sent = 0;
    long seq = 0;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new StorkException("cancelled");
      }
      byte[] frame = readFrame(content);
      if (frame.length == 0) {
        break;
      }
      if (window.size() >= settings.framesInFlight()) {
        awaitAccepted(window.poll());
      }
      long frameSeq = seq++;
      window.add(requests.ask(session, replyTo -> new UploadSession.Frame(frameSeq, frame, replyTo), settings.commitTimeout()));
      sent += frame.length;
      listener.transferred(sent, totalBytes);
    }
    while (!window.isEmpty()) {
      awaitAccepted(window.poll());
    }
  }

  private byte[] readFrame(InputStream content) {
    try {
      return content.readNBytes(settings.frameSize());
    } catch (IOException e) {
      throw new StorkException("cannot read the content: " + e.getMessage(), e);
    }
  }

  private void awaitAccepted(CompletionStage<UploadSession.FrameAccepted> stage) {
    UploadSession.FrameAccepted accepted = Requests.await(stage, "the name node", settings.commitTimeout());
    if (accepted.error() != null) {
      throw new StorkException(accepted.error());
    }
  }
}
