package io.stork.protocol;

import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * Whether a request record that came off the wire is whole: no null field and no null element in
 * a list field. Actors check their requests with it before handling them, so that a malformed
 * message from a peer is refused instead of stopping the actor with a NullPointerException.
 */
public final class Wellformed {
  private Wellformed() {}

  public static boolean isComplete(Record request) {
    for (RecordComponent component : request.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(request);
      } catch (ReflectiveOperationException e) {
        return false;
      }
      if (value == null || (value instanceof Collection<?> list && list.stream().anyMatch(e -> e == null))) {
        return false;
      }
    }
    return true;
  }
}
