package io.stork.embedded;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/** Content for tests: random bytes, and streams too large to hold in a test's heap. */
public final class TestData {
  private TestData() {}

  public static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  /** {@code size} pseudo-random bytes generated on the fly, never all in memory. */
  public static InputStream stream(long size, long seed) {
    return new InputStream() {
      private final Random random = new Random(seed);
      private long left = size;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(length, left);
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        System.arraycopy(bytes, 0, buffer, offset, n);
        left -= n;
        return n;
      }
    };
  }

  public static String sha256(InputStream in) throws java.io.IOException {
    return DigestUtils.sha256Hex(in);
  }

  /** An output stream that keeps only the SHA-256 and the count of what it was given. */
  public static final class DigestSink extends OutputStream {
    private final MessageDigest digest = DigestUtils.getSha256Digest();
    public long count;

    @Override
    public void write(int b) {
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
      count += length;
    }

    public String hex() {
      return Hex.encodeHexString(digest.digest());
    }
  }
}
