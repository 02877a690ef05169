package io.stork.shell;

import io.stork.client.ArtifactReplicas;
import io.stork.protocol.ArtifactNames;
import io.stork.protocol.ArtifactStatus;
import io.stork.protocol.ClusterSummary;
import io.stork.protocol.ErrorKind;
import io.stork.protocol.StorkException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", header = "show the cluster, some artifacts, or where the chunks of one live",
    customSynopsis = "list [NAME | PREFIX/ | 'GLOB'] [--sort name|size|time] [--limit N] [--long]",
    description = "Without an argument: the storage nodes (state, zone, chunks, bytes used) and the artifacts (size, version, "
        + "chunks, live replicas against wanted ones, health), then the totals. With the name of an artifact: every chunk of "
        + "its current version (from 0) and the nodes that hold a replica of it, and its whole SHA-256. Otherwise the argument "
        + "filters the artifacts: a prefix (releases/), or a glob with * and ? (quote it: 'app-*'). Long names are elided in "
        + "the middle to fit the terminal; --long (and --json) show them whole, with full chunk ids. On a terminal, long "
        + "output opens in a pager (q leaves).")
final class ListCommand implements ShellCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "an artifact, a prefix, or a glob",
      completionCandidates = Artifacts.class)
  String pattern;

  @Option(names = "--sort", paramLabel = "KEY", description = "order the artifacts by name (the default), size (largest "
      + "first) or time (newest first)", completionCandidates = SortKeys.class)
  String sort;

  @Option(names = "--limit", paramLabel = "N", description = "show at most N artifacts (or chunks)")
  String limit;

  @Option(names = "--long", description = "whole names, commit times, SHA-256 and full chunk ids")
  boolean longForm;

  @Mixin
  Common common;

  /** The keys of --sort. */
  static final class SortKeys extends Candidates {
    @Override
    List<String> words() {
      return List.of("name", "size", "time");
    }
  }

  @Override
  public void run(Session session, Output out) {
    Comparator<ArtifactStatus> order = order();
    int max = limit == null ? Integer.MAX_VALUE : Numbers.positive(limit, "--limit");
    if (pattern != null) {
      String name = ArtifactNames.normalize(pattern);
      ArtifactReplicas exact = ArtifactNames.problem(name) == null ? locateOrNull(session, name) : null;
      if (exact != null) {
        one(session, out, exact, max);
        return;
      }
      filtered(session, out, name, order, max);
      return;
    }
    ClusterSummary summary = session.client().summary();
    List<ArtifactStatus> all = session.client().allArtifacts("");
    List<ArtifactStatus> shown = sortAndLimit(all, order, max);
    if (out.json()) {
      Map<String, Object> json = Json.result("list");
      json.put("nodes", session.client().nodes().stream().map(JsonViews::node).toList());
      json.put("artifacts", shown.stream().map(a -> JsonViews.artifact(a, summary.replication())).toList());
      json.put("more", shown.size() < all.size());
      json.put("summary", JsonViews.summary(summary));
      out.console().json(json);
      return;
    }
    List<AttributedString> lines = new ArrayList<>(StatusView.cluster(session.client().nodes(), shown, summary,
        longForm ? 0 : session.console().width()));
    if (shown.size() < all.size()) {
      lines.add(lines.size() - StatusView.FOOTER_LINES - 1, new AttributedString("... " + (all.size() - shown.size()) + " more (--limit " + max + ")"));
    }
    Pager.show(session.console(), lines);
  }

  private void one(Session session, Output out, ArtifactReplicas replicas, int max) {
    if (out.json()) {
      Map<String, Object> json = JsonViews.version("list", replicas.version());
      json.put("replication", replicas.replication());
      json.put("chunkList", JsonViews.chunks(replicas));
      out.console().json(json);
      return;
    }
    Pager.show(session.console(), StatusView.artifact(replicas, longForm, max));
  }

  private void filtered(Session session, Output out, String filter, Comparator<ArtifactStatus> order, int max) {
    boolean glob = filter.chars().anyMatch(c -> c == '*' || c == '?');
    String prefix = glob ? filter.substring(0, firstGlob(filter)) : filter;
    Pattern matcher = glob ? Globs.toRegex(filter) : null;
    List<ArtifactStatus> all = session.client().allArtifacts(prefix).stream()
        .filter(a -> matcher == null || matcher.matcher(a.name()).matches()).toList();
    if (all.isEmpty() && !glob && !filter.endsWith("/")) {
      throw new StorkException(ErrorKind.NOT_FOUND, "artifact '" + ArtifactNames.printable(filter) + "' not found");
    }
    int replication = session.client().summary().replication();
    List<ArtifactStatus> shown = sortAndLimit(all, order, max);
    if (out.json()) {
      Map<String, Object> json = Json.result("list");
      json.put("pattern", filter);
      json.put("artifacts", shown.stream().map(a -> JsonViews.artifact(a, replication)).toList());
      json.put("more", shown.size() < all.size());
      out.console().json(json);
      return;
    }
    List<AttributedString> lines = new ArrayList<>(all.isEmpty()
        ? List.of(new AttributedString("no artifact matches '" + ArtifactNames.printable(filter) + "'"))
        : StatusView.artifacts(shown, replication, session.console().width(), longForm));
    if (shown.size() < all.size()) {
      lines.add(new AttributedString("... " + (all.size() - shown.size()) + " more (--limit " + max + ")"));
    }
    Pager.show(session.console(), lines);
  }

  private static ArtifactReplicas locateOrNull(Session session, String name) {
    try {
      return session.client().locate(name);
    } catch (StorkException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private Comparator<ArtifactStatus> order() {
    if (sort == null || sort.equals("name")) {
      return null; // the name node's order already
    }
    return switch (sort) {
      case "size" -> Comparator.comparingLong(ArtifactStatus::size).reversed().thenComparing(ArtifactStatus::name);
      case "time" -> Comparator.comparingLong(ArtifactStatus::committedAtMillis).reversed().thenComparing(ArtifactStatus::name);
      default -> throw new CommandException("--sort takes name, size or time, not '" + ArtifactNames.printable(sort) + "'");
    };
  }

  private static List<ArtifactStatus> sortAndLimit(List<ArtifactStatus> all, Comparator<ArtifactStatus> order, int max) {
    List<ArtifactStatus> sorted = order == null ? all : all.stream().sorted(order).toList();
    return sorted.size() <= max ? sorted : sorted.subList(0, max);
  }

  private static int firstGlob(String filter) {
    for (int i = 0; i < filter.length(); i++) {
      if (filter.charAt(i) == '*' || filter.charAt(i) == '?') {
        return i;
      }
    }
    return filter.length();
  }
}
