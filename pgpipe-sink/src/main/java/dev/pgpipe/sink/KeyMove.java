package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An update that changed a row's key: the target row at {@code oldKey} takes the key and values of
 * {@code row}; a column {@code row} leaves {@link dev.pgpipe.cdc.Unchanged} keeps its target value.
 */
record KeyMove(
    Map<String, @Nullable Object> oldKey, Map<String, @Nullable Object> row, ChangeEvent event) {}
