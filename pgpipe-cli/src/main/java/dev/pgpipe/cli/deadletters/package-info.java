/**
 * {@code pgpipe deadletters}: list, show, replay and discard the events a target refused (the table
 * sink's {@code sink_dead_letters}) and those a buffer handler set aside ({@code
 * cdc_dead_letters}), through {@code dev.pgpipe.sink.deadletter}. The database is {@code --url},
 * else {@code POSTGRES_OUTPUT_*} when {@code POSTGRES_OUTPUT_HOST} is set, else that of every other
 * command ({@code PGPIPE_URL}, {@code PG*}, the embedded server).
 */
@NullMarked
package dev.pgpipe.cli.deadletters;

import org.jspecify.annotations.NullMarked;
