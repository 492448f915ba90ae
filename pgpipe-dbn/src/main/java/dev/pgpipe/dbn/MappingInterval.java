package dev.pgpipe.dbn;

import java.time.LocalDate;

/**
 * One interval of a symbol mapping in the metadata: from {@code startDate} (inclusive) to {@code
 * endDate} (exclusive), the raw symbol mapped to {@code symbol} (an instrument id for {@code
 * stype_out = instrument_id}). Dates are UTC calendar days, encoded as u32 {@code YYYYMMDD}.
 */
public record MappingInterval(LocalDate startDate, LocalDate endDate, String symbol) {}
