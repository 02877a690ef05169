package io.stork.namenode.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of a metadata directory: {@code checkpoint-S.ckpt}, the namespace after journal sequence
 * S; {@code segment-S.log}, the journal records from sequence S on. Sequences are zero-padded so that
 * the files sort in order. Also the durable file-system steps they are written with.
 */
public final class MetadataFiles {
  static final String CHECKPOINT_PREFIX = "checkpoint-";
  static final String CHECKPOINT_SUFFIX = ".ckpt";
  static final String SEGMENT_PREFIX = "segment-";
  static final String SEGMENT_SUFFIX = ".log";
  static final String TEMP_SUFFIX = ".tmp";
  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d{20})\\.ckpt");
  private static final Pattern SEGMENT = Pattern.compile("segment-(\\d{20})\\.log");

  private MetadataFiles() {}

  public static Path checkpoint(Path dir, long covers) {
    return dir.resolve(CHECKPOINT_PREFIX + String.format("%020d", covers) + CHECKPOINT_SUFFIX);
  }

  public static Path segment(Path dir, long firstSequence) {
    return dir.resolve(SEGMENT_PREFIX + String.format("%020d", firstSequence) + SEGMENT_SUFFIX);
  }

  static OptionalLong checkpointSequence(Path file) {
    return sequence(CHECKPOINT, file);
  }

  static OptionalLong segmentSequence(Path file) {
    return sequence(SEGMENT, file);
  }

  private static OptionalLong sequence(Pattern pattern, Path file) {
    Matcher m = pattern.matcher(file.getFileName().toString());
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** The regular files directly in {@code dir}, sorted by name; none when it does not exist. */
  static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Makes a rename or a deletion in {@code dir} durable. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Writes {@code bytes} as {@code target}, whole or not at all: a temporary file, fsynced, renamed, the directory fsynced. */
  static void writeDurably(Path target, List<byte[]> bytes) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      for (byte[] chunk : bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
      }
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  /** Whether {@code file} is one of the metadata's own (a checkpoint, a segment, one being written, or a copy kept by recovery). */
  static boolean isMetadata(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(CHECKPOINT_PREFIX) || name.startsWith(SEGMENT_PREFIX);
  }

  /**
   * Moves the metadata files of {@code dir} into a new subdirectory {@code <why>-<time>}, so that
   * nothing is lost when a directory is rewritten from another copy; returns it, or null when there
   * was nothing to move.
   */
  static Path moveAside(Path dir, String why) throws IOException {
    List<Path> files = files(dir).stream().filter(MetadataFiles::isMetadata).toList();
    if (files.isEmpty()) {
      return null;
    }
    Path aside = dir.resolve(why + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
    Files.createDirectories(aside);
    for (Path file : files) {
      Files.move(file, aside.resolve(file.getFileName()));
    }
    syncDirectory(aside);
    syncDirectory(dir);
    return aside;
  }

  /** Deletes {@code files} and makes that durable. */
  static void delete(Path dir, List<Path> files) throws IOException {
    List<Path> deleted = new ArrayList<>();
    for (Path file : files) {
      if (Files.deleteIfExists(file)) {
        deleted.add(file);
      }
    }
    if (!deleted.isEmpty()) {
      syncDirectory(dir);
    }
  }
}
