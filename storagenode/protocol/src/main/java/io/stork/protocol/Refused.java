package io.stork.protocol;

/**
 * The name node's answer to a request that could not be done: its kind and a message fit to show a
 * user as one line. It stands in place of the success record, so that an answer is either the
 * result or this, never a result with a nullable error.
 */
public record Refused(ErrorKind kind, String message)
    implements NameNodeProtocol.BeginReply, NameNodeProtocol.PlaceReply, NameNodeProtocol.RenewReply,
    NameNodeProtocol.CommitReply, NameNodeProtocol.LocateReply, NameNodeProtocol.DeleteReply, NameNodeProtocol.RepairLimitsReply,
    NameNodeProtocol.RecoverReply {
  public Refused {
    kind = kind == null ? ErrorKind.INTERNAL : kind;
    message = message == null ? kind.name().toLowerCase() : message;
  }

  public StorkException toException() {
    return new StorkException(kind, message);
  }
}
