package dev.pgpipe.cdc;

import dev.pgpipe.cdc.value.TypeRegistry;
import dev.pgpipe.cdc.value.ValueDecoder;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Identifier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The source side of a watermark backfill (DBLog): reads a published table in chunks in key order
 * ({@code WHERE (k1, k2) > (last key) ORDER BY k1, k2 LIMIT n}, each chunk one short REPEATABLE
 * READ, READ ONLY transaction that reads its snapshot and then the rows, so no long snapshot and no
 * lock beyond the statement's), and writes watermarks into the WAL as non-transactional logical
 * messages with prefix {@value #WATERMARK_PREFIX}, which the change stream delivers in WAL order
 * between the transactions that committed before and after them.
 *
 * <p>A chunk read between a low and a high watermark holds, for every key not changed in the stream
 * between them, the row as of the high watermark, except for one gap: PostgreSQL makes a commit
 * visible only after writing and flushing its commit record (and after synchronous standbys
 * confirmed it), so a transaction that comes before the low watermark in the stream can still be
 * invisible to the chunk. The chunk's {@link ChunkSnapshot} says which transactions it does not
 * see, so that the consumer can tell and read the chunk again. No wait for running transactions and
 * no privilege beyond reading the table.
 *
 * <p>Needs a primary key (or replica identity index): {@link #describe} refuses a table without
 * one. Not thread-safe: one backfill uses one reader.
 */
public final class ChunkReader implements AutoCloseable {

  /** Prefix of the watermark messages. */
  public static final String WATERMARK_PREFIX = "pgpipe.backfill";

  private final SourceCatalog catalog;
  private final TypeRegistry types = new TypeRegistry();
  private final ValueDecoder values = new ValueDecoder(types);

  private ChunkReader(SourceCatalog catalog) {
    this.catalog = catalog;
  }

  /** Connects to the source. */
  public static ChunkReader open(ConnectionSettings settings) {
    return new ChunkReader(new SourceCatalog(settings));
  }

  /**
   * The table ({@code table} or {@code schema.table}) as the catalog has it now.
   *
   * @throws CdcException when it has no primary key or replica identity index to chunk by
   */
  public TableSchema describe(String table) {
    TableSchema schema = new TableDescriber(catalog, types).describe(TableNames.qualify(table));
    char identity = schema.replicaIdentity();
    if (schema.keyColumns().isEmpty() || identity == 'f' || identity == 'n') {
      throw new CdcException(
          "table "
              + schema.qualifiedName()
              + " has no primary key (replica identity '"
              + identity
              + "'), so it cannot be backfilled in key order: add a primary key",
          null,
          "",
          0,
          null);
    }
    return schema;
  }

  /** The tables of {@code publication} now, as {@code schema.name}. */
  public List<String> publishedTables(String publication) {
    return catalog.publishedTables(publication);
  }

  /** Writes a watermark with {@code content} into the WAL; returns once it is written. */
  public void watermark(String content) {
    catalog.execute("SELECT pg_logical_emit_message(false, ?, ?)", WATERMARK_PREFIX, content);
  }

  /**
   * Up to {@code limit} rows with a key above {@code after} (the text of a previous chunk's {@link
   * KeyChunk#lastKey()}; null for the first chunk), in key order.
   */
  public KeyChunk read(TableSchema table, @Nullable List<String> after, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0: " + limit);
    }
    List<Column> columns = table.columns();
    String sql = select(table, table.keyColumns(), after == null ? null : keyTypes(table));
    List<Object> parameters = after == null ? List.of() : List.copyOf(after);
    ReadRows read =
        catalog.inOneSnapshot(
            () ->
                new ReadRows(
                    ChunkSnapshot.parse(
                        catalog
                            .query(
                                "SELECT pg_current_snapshot()::text",
                                List.of(),
                                rs -> rs.getString(1))
                            .get(0)),
                    catalog.query(sql + " LIMIT " + limit, parameters, rs -> texts(rs, columns))));
    List<Map<String, @Nullable Object>> rows = new ArrayList<>(read.texts().size());
    for (String[] text : read.texts()) {
      rows.add(decode(columns, text));
    }
    List<String> lastKey = read.texts().isEmpty() ? null : keyText(table, read.texts().getLast());
    return new KeyChunk(table, rows, lastKey, read.snapshot());
  }

  /** The rows of a chunk as text, and the snapshot they were read in. */
  private record ReadRows(ChunkSnapshot snapshot, List<String[]> texts) {}

  private static String[] texts(ResultSet rs, List<Column> columns) throws SQLException {
    String[] row = new String[columns.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = rs.getString(i + 1);
    }
    return row;
  }

  private Map<String, @Nullable Object> decode(List<Column> columns, String[] text) {
    Map<String, @Nullable Object> row = new LinkedHashMap<>();
    for (int i = 0; i < text.length; i++) {
      Column column = columns.get(i);
      String value = text[i];
      row.put(
          column.name(),
          value == null
              ? null
              : values.decode(value, types.resolve(column.typeOid()), column.typeOid()));
    }
    return row;
  }

  private static List<String> keyText(TableSchema table, String[] row) {
    List<String> names = table.columns().stream().map(Column::name).toList();
    List<String> key = new ArrayList<>();
    for (String column : table.keyColumns()) {
      key.add(row[names.indexOf(column)]);
    }
    return key;
  }

  private List<String> keyTypes(TableSchema table) {
    List<String> typeNames = new ArrayList<>();
    for (String key : table.keyColumns()) {
      long oid =
          table.columns().stream()
              .filter(c -> c.name().equals(key))
              .findFirst()
              .orElseThrow()
              .typeOid();
      typeNames.add(
          catalog
              .query("SELECT format_type(?::oid, NULL)", List.of(oid), rs -> rs.getString(1))
              .get(0));
    }
    return typeNames;
  }

  private static String select(
      TableSchema table, List<String> keys, @Nullable List<String> keyTypes) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < table.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append(Identifier.quote(table.columns().get(i).name()))
          .append("::text");
    }
    // the key columns through the table's alias: a bare name in ORDER BY would mean the ::text
    // output column of the same name, and sort numbers as text
    sql.append(" FROM ").append(TableNames.quote(table.qualifiedName())).append(" AS src");
    String keyList =
        String.join(", ", keys.stream().map(k -> "src." + Identifier.quote(k)).toList());
    if (keyTypes != null) {
      sql.append(" WHERE (").append(keyList).append(") > (");
      for (int i = 0; i < keyTypes.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("?::").append(keyTypes.get(i));
      }
      sql.append(')');
    }
    return sql.append(" ORDER BY ").append(keyList).toString();
  }

  @Override
  public void close() {
    catalog.close();
  }
}
