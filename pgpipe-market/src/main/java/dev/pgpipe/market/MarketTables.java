package dev.pgpipe.market;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The market tables, one per DBN schema: mbo, trades, mbp_1, mbp_10, tbbo, bbo_1s, bbo_1m, cmbp_1,
 * tcbbo, cbbo_1s, cbbo_1m, ohlcv_1s, ohlcv_1m, ohlcv_1h, ohlcv_1d, ohlcv_eod, definition,
 * statistics, status and imbalance; and which one a record goes to. Thread-safe.
 */
public final class MarketTables {

  private static final Map<String, MarketTable<?>> TABLES = catalog();

  private MarketTables() {}

  private static Map<String, MarketTable<?>> catalog() {
    Map<String, MarketTable<?>> tables = new LinkedHashMap<>();
    List<MarketTable<?>> all =
        List.of(
            BookTables.mbo(),
            BookTables.trades(),
            BookTables.mbp1("mbp_1"),
            BookTables.mbp10(),
            BookTables.mbp1("tbbo"),
            BookTables.bbo("bbo_1s"),
            BookTables.bbo("bbo_1m"),
            BookTables.cmbp1("cmbp_1"),
            BookTables.cmbp1("tcbbo"),
            BookTables.cbbo("cbbo_1s"),
            BookTables.cbbo("cbbo_1m"),
            EventTables.ohlcv("ohlcv_1s"),
            EventTables.ohlcv("ohlcv_1m"),
            EventTables.ohlcv("ohlcv_1h"),
            EventTables.ohlcv("ohlcv_1d"),
            EventTables.ohlcv("ohlcv_eod"),
            DefinitionTable.definition(),
            EventTables.statistics(),
            EventTables.status(),
            EventTables.imbalance());
    all.forEach(table -> tables.put(table.name(), table));
    return tables;
  }

  /** Every table, in the order above. */
  public static List<MarketTable<?>> all() {
    return List.copyOf(TABLES.values());
  }

  /** The table named {@code name} (without prefix), e.g. {@code "mbp_10"}. */
  public static Optional<MarketTable<?>> named(String name) {
    return Optional.ofNullable(TABLES.get(name));
  }

  /**
   * The table a record goes to, or empty for records that are not market data (symbol mappings,
   * system and error messages) and for the deprecated OHLCV record type outside an OHLCV file.
   * MBP-1 records go to {@code tbbo} in a TBBO file, else to {@code mbp_1}.
   *
   * @param fileSchema the schema of the file's metadata; null for a mixed stream
   */
  public static Optional<MarketTable<?>> forRecord(DbnRecord record, @Nullable Schema fileSchema) {
    String name = nameFor(record.hd().rtype(), fileSchema);
    return name == null ? Optional.empty() : Optional.ofNullable(TABLES.get(name));
  }

  private static @Nullable String nameFor(int rtype, @Nullable Schema fileSchema) {
    return switch (rtype) {
      case RType.MBO -> "mbo";
      case RType.MBP_0 -> "trades";
      case RType.MBP_1 -> fileSchema == Schema.TBBO ? "tbbo" : "mbp_1";
      case RType.MBP_10 -> "mbp_10";
      case RType.BBO_1S -> "bbo_1s";
      case RType.BBO_1M -> "bbo_1m";
      case RType.CMBP_1 -> "cmbp_1";
      case RType.TCBBO -> "tcbbo";
      case RType.CBBO_1S -> "cbbo_1s";
      case RType.CBBO_1M -> "cbbo_1m";
      case RType.OHLCV_1S -> "ohlcv_1s";
      case RType.OHLCV_1M -> "ohlcv_1m";
      case RType.OHLCV_1H -> "ohlcv_1h";
      case RType.OHLCV_1D -> "ohlcv_1d";
      case RType.OHLCV_EOD -> "ohlcv_eod";
      case RType.OHLCV_DEPRECATED -> deprecatedOhlcv(fileSchema);
      case RType.INSTRUMENT_DEF -> "definition";
      case RType.STATISTICS -> "statistics";
      case RType.STATUS -> "status";
      case RType.IMBALANCE -> "imbalance";
      default -> null;
    };
  }

  private static @Nullable String deprecatedOhlcv(@Nullable Schema fileSchema) {
    if (fileSchema == null || !fileSchema.text().startsWith("ohlcv-")) {
      return null;
    }
    return fileSchema.text().replace('-', '_');
  }
}
