package io.stork.client;

import io.stork.protocol.ArtifactVersion;
import io.stork.protocol.NameNodeProtocol;
import io.stork.protocol.StorkException;
import io.stork.protocol.UploadProtocol;
import io.stork.runtime.Requests;
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
  private final ActorRef<NameNodeProtocol.Command> nameNode;
  private final ClientSettings settings;

  Uploader(Requests requests, ActorRef<NameNodeProtocol.Command> nameNode, ClientSettings settings) {
    this.requests = requests;
    this.nameNode = nameNode;
    this.settings = settings;
  }

  ArtifactVersion write(String name, boolean replace, List<String> requiredCapabilities, InputStream content,
                        long totalBytes, TransferListener listener) {
    NameNodeProtocol.UploadBegun begun = requests.askAndWait(nameNode,
        replyTo -> new NameNodeProtocol.BeginUpload(name, replace, requiredCapabilities, replyTo), settings.requestTimeout(), "the name node");
    if (begun.error() != null) {
      throw new StorkException(begun.error());
    }
    ActorRef<UploadProtocol.Command> session = begun.session();
    boolean finished = false;
    try {
      stream(session, content, totalBytes, listener);
      UploadProtocol.UploadResult result = requests.askAndWait(session, UploadProtocol.Finish::new,
          settings.commitTimeout(), "the name node");
      finished = true;
      if (result.error() != null) {
        throw new StorkException(result.error());
      }
      return result.version();
    } finally {
      if (!finished) {
        session.tell(new UploadProtocol.Abort());
      }
    }
  }

  private void stream(ActorRef<UploadProtocol.Command> session, InputStream content, long totalBytes,
                      TransferListener listener) {
    ArrayDeque<CompletionStage<UploadProtocol.FrameAccepted>> window = new ArrayDeque<>();
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
      window.add(requests.ask(session, replyTo -> new UploadProtocol.Frame(frameSeq, frame, replyTo), settings.commitTimeout()));
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

  private void awaitAccepted(CompletionStage<UploadProtocol.FrameAccepted> stage) {
    UploadProtocol.FrameAccepted accepted = Requests.await(stage, "the name node", settings.commitTimeout());
    if (accepted.error() != null) {
      throw new StorkException(accepted.error());
    }
  }
}
