package dev.pgpipe.sink;

/** The two apply paths, forced whatever the step's size, so that tests run each of them. */
enum ApplyPath {
  STAGED(0),
  PIPELINED(Integer.MAX_VALUE);

  private final int pipelinedRows;

  ApplyPath(int pipelinedRows) {
    this.pipelinedRows = pipelinedRows;
  }

  /** The config with this path forced. */
  SinkConfig.Builder force(SinkConfig.Builder config) {
    return config.pipelinedRows(pipelinedRows);
  }
}
