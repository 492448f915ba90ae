package dev.pgpipe.copy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link FlowControl} source that records each call, in order ("suspend", "resume"). */
final class RecordingFlow implements FlowControl {

  final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void suspend() {
    calls.add("suspend");
  }

  @Override
  public void resume() {
    calls.add("resume");
  }
}
