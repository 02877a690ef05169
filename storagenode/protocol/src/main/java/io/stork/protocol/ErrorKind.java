package io.stork.protocol;

/**
 * What kind of failure an operation met. Every refusal on the wire and every {@link StorkException}
 * carries one, so that callers branch on the kind (the shell maps kinds to exit codes and to JSON)
 * and show the message.
 */
public enum ErrorKind {
  /** The request itself is wrong: a malformed name, id, flag or message. */
  INVALID,
  /** No such artifact (or chunk, or node). */
  NOT_FOUND,
  /** An upload of a name that already exists. */
  ALREADY_EXISTS,
  /** Another client is writing the same name, or the request's lease is no longer held. */
  CONFLICT,
  /** A storage node or the name node's journal has no room. */
  NO_SPACE,
  /** Too few live storage nodes, a chunk without a live replica, or a peer that did not answer. */
  UNAVAILABLE,
  /** Content that failed its checksum. */
  CORRUPT,
  /** The name node refuses changes for now (its journal failed, or it is in safe mode). */
  REFUSED,
  /** Cancelled by the caller (an interrupt, Ctrl-C). */
  CANCELLED,
  /** A local file could not be read or written. */
  IO,
  /** Anything else: a bug, reported as such. */
  INTERNAL
}
