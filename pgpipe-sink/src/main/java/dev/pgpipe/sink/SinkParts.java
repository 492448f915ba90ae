package dev.pgpipe.sink;

/** What every batch of one sink shares. Immutable; the catalog caches thread-safely. */
record SinkParts(
    SinkConfig config, PositionLedger ledger, DeadLetters deadLetters, TargetCatalog catalog) {}
