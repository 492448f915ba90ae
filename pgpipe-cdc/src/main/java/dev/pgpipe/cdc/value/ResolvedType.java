package dev.pgpipe.cdc.value;

/** How values of a type are represented: the kind and whether they are arrays of it. */
public record ResolvedType(ValueKind kind, boolean array) {}
