package io.stork.client;

/** Told how a transfer advances; {@code totalBytes} is -1 when unknown. */
@FunctionalInterface
public interface TransferListener {
  TransferListener NONE = (done, total) -> {};

  void transferred(long doneBytes, long totalBytes);

  /**
   * Chunk {@code chunk} (from 0) is sent again, to {@code nodeId}, in its {@code attempt}-th attempt,
   * after a replica refused it or fell silent. Called from the client's actors, not the caller's thread.
   */
  default void retrying(int chunk, String nodeId, int attempt) {}
}
