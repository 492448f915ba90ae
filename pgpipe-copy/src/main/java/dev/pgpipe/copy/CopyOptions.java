package dev.pgpipe.copy;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link CopyWriter} runs. Defaults: STRICT schema check, 1 MiB chunks, plain COPY.
 *
 * @param schemaMode how the table is checked against the catalog first
 * @param chunkBytes encoded bytes gathered before they are sent in one go
 * @param upsert load through a staging table and merge (keeps the whole load in memory)
 * @param rejects bisect a refused load and hand bad rows here (keeps the whole load in memory)
 */
public record CopyOptions<T>(
    SchemaMode schemaMode,
    int chunkBytes,
    @Nullable Upsert upsert,
    @Nullable RejectHandler<T> rejects) {

  public CopyOptions {
    if (chunkBytes < 1024) {
      throw new IllegalArgumentException("chunkBytes must be >= 1024: " + chunkBytes);
    }
  }

  public static <T> CopyOptions<T> defaults() {
    return new CopyOptions<>(SchemaMode.STRICT, 1 << 20, null, null);
  }

  public CopyOptions<T> schemaMode(SchemaMode mode) {
    return new CopyOptions<>(mode, chunkBytes, upsert, rejects);
  }

  public CopyOptions<T> upsert(Upsert how) {
    return new CopyOptions<>(schemaMode, chunkBytes, how, rejects);
  }

  public CopyOptions<T> bisect(RejectHandler<T> handler) {
    return new CopyOptions<>(schemaMode, chunkBytes, upsert, handler);
  }

  /** Whether the load is kept in memory and applied at {@link CopyWriter#finish()}. */
  boolean buffered() {
    return upsert != null || rejects != null;
  }
}
