package dev.pgpipe.bench.copy;

import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.codec.WireBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One trade row per operation encoded into a reused {@link WireBuffer} (cleared when it holds a
 * megabyte): through pgpipe's typed record mapping ({@link RowEncoder}), and by hand-written calls
 * producing the same bytes, the floor the mapping is measured against. Run with the GC profiler,
 * {@code gc.alloc.rate.norm} is the bytes allocated per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EncodeBenchmark {

  private static final int ROWS = 1 << 12;
  private static final int FULL = 1 << 20;
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final RowEncoder<Trade> encoder = RowEncoder.of(Table.of(Trade.class));
  private final Trade[] rows = Trades.generate(ROWS);
  private final WireBuffer out = new WireBuffer(FULL + (64 << 10));
  private int next;

  @Benchmark
  public int typedMapping() {
    if (out.size() >= FULL) {
      out.clear();
    }
    encoder.encode(rows[next++ & (ROWS - 1)], out, 0);
    return out.size();
  }

  @Benchmark
  public int handWritten() {
    if (out.size() >= FULL) {
      out.clear();
    }
    encodeByHand(rows[next++ & (ROWS - 1)], out);
    return out.size();
  }

  /** The tuple {@link RowEncoder} writes for a trade, spelled out field by field. */
  static void encodeByHand(Trade trade, WireBuffer out) {
    out.putShort(10);
    out.putLongField(Math.floorDiv(trade.tsEvent(), 1000L) - PG_EPOCH_MICROS);
    out.putLongField(Math.floorDiv(trade.tsRecv(), 1000L) - PG_EPOCH_MICROS);
    out.putLongField(trade.instrumentId());
    out.putLongField(trade.price());
    out.putLongField(trade.size());
    out.putLongField(trade.sequence());
    out.putIntField(trade.flags());
    out.putIntField(trade.depth());
    out.putInt(1);
    out.putByte(trade.action());
    out.putInt(1);
    out.putByte(trade.side());
  }
}
