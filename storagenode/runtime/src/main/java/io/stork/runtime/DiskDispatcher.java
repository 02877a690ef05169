package io.stork.runtime;

import org.apache.pekko.actor.typed.DispatcherSelector;

/** The dispatcher for blocking file I/O (chunk files, the journal), configured as {@code stork.disk-dispatcher}. */
public final class DiskDispatcher {
  public static final DispatcherSelector SELECTOR = DispatcherSelector.fromConfig("stork.disk-dispatcher");

  private DiskDispatcher() {}
}
