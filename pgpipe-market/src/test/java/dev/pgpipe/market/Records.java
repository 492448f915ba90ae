package dev.pgpipe.market;

import dev.pgpipe.dbn.BidAskPair;
import dev.pgpipe.dbn.ConsolidatedBidAskPair;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.Map;

/**
 * Builds DBN records for tests through their canonical constructors: zeros, empty strings and
 * {@code 'N'} chars by default, chosen components given by name, book levels filled.
 */
final class Records {

  private Records() {}

  /** A record of {@code type} with a header of its first rtype. */
  static DbnRecord sampleOf(Class<? extends DbnRecord> type) {
    return with(type, new RecordHeader(rtypeOf(type), 1, 1, 0));
  }

  static <R extends DbnRecord> R with(Class<R> type, RecordHeader header) {
    return with(type, header, Map.of());
  }

  /** A record with {@code values} by component name (e.g. {@code "rawSymbol"}). */
  static <R extends DbnRecord> R with(Class<R> type, RecordHeader header, Map<String, ?> values) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      String name = components[i].getName();
      args[i] =
          name.equals("hd")
              ? header
              : values.containsKey(name) ? values.get(name) : defaultOf(type, types[i]);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(String.valueOf(e.getCause()), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object defaultOf(Class<?> record, Class<?> type) {
    if (type == long.class) {
      return 0L;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == char.class) {
      return 'N';
    }
    if (type == String.class) {
      return "";
    }
    int levels = record.getSimpleName().equals("Mbp10Msg") ? 10 : 1;
    boolean consolidated = record.getSimpleName().startsWith("C");
    Object level =
        consolidated
            ? new ConsolidatedBidAskPair(1, 2, 3, 4, 5, 6)
            : new BidAskPair(1, 2, 3, 4, 5, 6);
    return Collections.nCopies(levels, level);
  }

  private static int rtypeOf(Class<? extends DbnRecord> type) {
    return switch (type.getSimpleName()) {
      case "MboMsg" -> RType.MBO;
      case "TradeMsg" -> RType.MBP_0;
      case "Mbp1Msg" -> RType.MBP_1;
      case "Mbp10Msg" -> RType.MBP_10;
      case "BboMsg" -> RType.BBO_1S;
      case "Cmbp1Msg" -> RType.CMBP_1;
      case "CbboMsg" -> RType.CBBO_1S;
      case "OhlcvMsg" -> RType.OHLCV_1S;
      case "InstrumentDefMsg" -> RType.INSTRUMENT_DEF;
      case "StatMsg" -> RType.STATISTICS;
      case "StatusMsg" -> RType.STATUS;
      case "ImbalanceMsg" -> RType.IMBALANCE;
      default -> throw new IllegalArgumentException("no sample for " + type);
    };
  }
}
