package dev.pgpipe.sink;

/**
 * What every batch of one sink shares. Immutable; the catalog and the schema follower are
 * thread-safe.
 */
record SinkParts(
    SinkConfig config,
    PositionLedger ledger,
    DeadLetters deadLetters,
    TargetCatalog catalog,
    PausedTables paused,
    SchemaFollower schema) {}
