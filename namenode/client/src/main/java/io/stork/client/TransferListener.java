package io.stork.client;

/** Told how a transfer advances; {@code totalBytes} is -1 when unknown. */
@FunctionalInterface
public interface TransferListener {
  TransferListener NONE = (done, total) -> {};

  void transferred(long doneBytes, long totalBytes);
}
