package io.stork.shell;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", header = "follow the cluster's events as they happen, with their times",
    customSynopsis = "events [--for DURATION] [--count N]",
    description = "Prints each event as it happens: a node dead, unreachable or back, a damaged replica found and replaced, "
        + "the store healed (with the time it took and the bytes copied), and what the chaos monkey does. Each line starts "
        + "with the time; --json gives the kind, time, node, chunk and byte counts and duration as fields. Runs until Ctrl-C, "
        + "for DURATION, or until N events have come. At the prompt, events appear above it anyway, marked with *.")
final class EventsCommand implements ShellCommand {
  @Option(names = "--for", paramLabel = "DURATION", description = "stop after this long")
  String duration;

  @Option(names = "--count", paramLabel = "N", description = "stop after N events")
  String count;

  @Mixin
  Common common;

  @Override
  public void run(Session session, Output out) {
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + Durations.parse(duration, "--for").toNanos();
    int wanted = count == null ? Integer.MAX_VALUE : Numbers.positive(count, "--count");
    LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    try (AutoCloseable feed = session.backend().events(events::add)) {
      for (int seen = 0; seen < wanted; ) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Event event = events.poll(Math.min(left, Duration.ofSeconds(1).toNanos()), TimeUnit.NANOSECONDS);
        if (event != null) {
          seen++;
          out.result(event.json(), event.line());
          out.console().flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Ctrl-C: the way to leave it
    } catch (Exception e) {
      throw new CommandException(io.stork.protocol.ErrorKind.INTERNAL, "events: " + e.getMessage());
    }
  }
}
