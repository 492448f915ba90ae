package dev.pgpipe.cdc.pgoutput;

/** A column as a Relation message describes it: key flag, name, type OID and type modifier. */
public record RelationColumn(boolean key, String name, long typeOid, int typeModifier) {}
