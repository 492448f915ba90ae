package dev.pgpipe.copy;

/**
 * A source that can pause: {@link BatchWriter} calls {@link #suspend()} when its pending bytes
 * reach the high watermark and {@link #resume()} when they fall to the low one, so a producer that
 * cannot block (a network feed) can stop reading instead.
 *
 * <p>The calls come from the writer's threads (a producer's or a loader's, not necessarily the
 * thread that crossed the watermark, and possibly just after its write returned), never while the
 * writer holds its lock, and one at a time: they alternate, starting with suspend (a call that
 * threw is made again at the next change), and once they are done the source is in the writer's
 * state (a suspend undone before it was told is not told at all; see {@link FlowSignal}). An
 * implementation may write to the writer from within a call; it must not wait for another thread
 * that writes.
 */
public interface FlowControl {

  void suspend();

  void resume();
}
