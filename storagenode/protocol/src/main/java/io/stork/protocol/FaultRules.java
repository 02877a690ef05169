package io.stork.protocol;

/**
 * Which messages to storage nodes chaos drops or delays, as one value: drop {@code dropPercent} of
 * the messages to {@code dropNode}, and delay those to {@code delayNode} by
 * {@code delayMinMillis..delayMaxMillis} (a null node: every node; 0 percent or a 0 maximum: none).
 * It travels to storage node processes, so that one plan acts on a whole multi-process cluster.
 */
public record FaultRules(double dropPercent, String dropNode, long delayMinMillis, long delayMaxMillis, String delayNode)
    implements StorkMessage {
  public static final FaultRules NONE = new FaultRules(0, null, 0, 0, null);

  public FaultRules {
    if (!(dropPercent >= 0 && dropPercent <= 100)) {
      throw new IllegalArgumentException("drop rate must be between 0 and 100 percent");
    }
    if (delayMinMillis < 0 || delayMaxMillis < delayMinMillis) {
      throw new IllegalArgumentException("delay range must be MIN..MAX with 0 <= MIN <= MAX");
    }
  }
}
