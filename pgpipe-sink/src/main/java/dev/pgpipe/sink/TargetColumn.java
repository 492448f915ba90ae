package dev.pgpipe.sink;

/**
 * A column of a target table as the catalog has it: name, type as {@code format_type} prints it
 * (names in it already quoted by the server) and NOT NULL.
 */
record TargetColumn(String name, String type, boolean notNull) {}
