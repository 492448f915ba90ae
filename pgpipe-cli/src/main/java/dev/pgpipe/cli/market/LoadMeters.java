package dev.pgpipe.cli.market;

import dev.pgpipe.market.LoadProgress;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of {@code pgpipe load}, from the loader's progress reports: DBN records decoded and
 * file bytes read, over all files. Thread-safe.
 */
final class LoadMeters implements MeterBinder {

  private volatile long records;
  private volatile long bytes;

  /** A progress report of the loader (counts over all files so far). */
  void progress(LoadProgress progress) {
    records = progress.records();
    bytes = progress.bytesRead();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("pgpipe_load_records", this, m -> m.records)
        .description("DBN records decoded by pgpipe load")
        .register(registry);
    FunctionCounter.builder("pgpipe_load_file_bytes", this, m -> m.bytes)
        .description("DBN file bytes read by pgpipe load")
        .baseUnit("bytes")
        .register(registry);
  }
}
