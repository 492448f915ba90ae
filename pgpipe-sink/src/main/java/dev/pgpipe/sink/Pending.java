package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;

/** An event to apply with the commit LSN of its transaction (named in dead letters). */
record Pending(ChangeEvent event, long commitLsn) {}
