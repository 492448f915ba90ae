package dev.pgpipe.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Reads one column of the current row as a given Java type; SQL NULL reads as null. */
@FunctionalInterface
interface ColumnReader {

  @Nullable Object read(ResultSet row, int column) throws SQLException;
}
