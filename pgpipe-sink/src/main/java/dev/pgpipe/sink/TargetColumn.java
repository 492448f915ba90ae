package dev.pgpipe.sink;

/**
 * A column of a target table as the catalog has it: name, type as {@code format_type} prints it
 * (names in it already quoted by the server), NOT NULL, and whether it has a default.
 */
record TargetColumn(String name, String type, boolean notNull) {}
