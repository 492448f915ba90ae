package dev.pgpipe.market;

/**
 * What a load did to one table.
 *
 * @param table the qualified table name, e.g. {@code public.mbo}
 * @param records records of the files that went to this table
 * @param rowsInRange rows the table holds now between the first and last key timestamp of those
 *     records: equal to {@code records} after a first load and after a repeated one alike
 * @param outOfOrder records whose key timestamp went back in time for their instrument
 */
public record TableReport(String table, long records, long rowsInRange, long outOfOrder) {}
