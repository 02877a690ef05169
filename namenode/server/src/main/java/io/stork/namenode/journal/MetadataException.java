package io.stork.namenode.journal;

import java.io.IOException;

/** The name node's metadata cannot be used as it is: the message is one line for the operator, with how to recover. */
public final class MetadataException extends IOException {
  MetadataException(String line) {
    super(line);
  }
}
