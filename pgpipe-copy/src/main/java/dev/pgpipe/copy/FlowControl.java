package dev.pgpipe.copy;

/**
 * A source that can pause: {@link BatchWriter} calls {@link #suspend()} when its pending bytes
 * reach the high watermark and {@link #resume()} when they fall to the low one, so a producer that
 * cannot block (a network feed) can stop reading instead. Called from writer threads, never while
 * the writer holds its lock, one call at a time and alternating (suspend, resume, suspend, ...), in
 * the order the writer's memory crossed the watermarks ({@link FlowSignal}).
 */
public interface FlowControl {

  void suspend();

  void resume();
}
