/**
 * The {@code pgpipe} command line: picocli commands over the pgpipe modules.
 *
 * <p>{@link dev.pgpipe.cli.Main} is the entry point and the root command. Its factory hands the
 * command line's {@link dev.pgpipe.cli.Environment} to every command and mixin whose constructor
 * takes one; nothing below reads {@code System.getenv()} or looks the environment up through the
 * root command.
 *
 * <h2>Where a class goes</h2>
 *
 * <ul>
 *   <li><b>This package</b>: the entry point and what every command shares, and nothing else:
 *       {@code Main}, the factory, error and usage handling, {@code Environment} and option
 *       converters. A class used by one command only does not belong here.
 *   <li><b>{@code dev.pgpipe.cli.<command>}</b>: one package per command or family of commands
 *       ({@code demo}, {@code sql}, {@code server}, {@code cdc}, {@code sink}, {@code nats}, {@code
 *       live}, {@code market}, {@code dbn}, {@code verify}). Only the command classes are public;
 *       their options, output formats and helpers are package-private. A command package may use
 *       this package, {@code spi} and {@code embedded}; when it reuses another command's pieces it
 *       imports them by name, and a piece that two command packages need moves here or into a
 *       library module.
 *   <li><b>{@link dev.pgpipe.cli.spi}</b>: the published extension surface for modules above the
 *       command line (the benchmarks): {@code CommandProvider}, {@code DatabaseOptions} and {@code
 *       DatabaseTarget}. Those modules import nothing else from {@code dev.pgpipe.cli}.
 *   <li><b>{@link dev.pgpipe.cli.supervise}</b>: the one supervisor of the long-running commands
 *       (graceful Ctrl-C, status line, summary with the stop reason); the stop rules themselves are
 *       the library's ({@code dev.pgpipe.cdc.StopRules}).
 *   <li><b>{@link dev.pgpipe.cli.embedded}</b>: the embedded PostgreSQL that commands fall back to:
 *       the server, its settings and the banner that announces it.
 * </ul>
 *
 * <p>Commands that need a database mix in {@link dev.pgpipe.cli.spi.DatabaseOptions}, which picks
 * the server: {@code --url}, then {@code PGPIPE_URL}, then the standard {@code PG*} variables when
 * {@code PGHOST} is set, and otherwise the embedded PostgreSQL.
 */
@NullMarked
package dev.pgpipe.cli;

import org.jspecify.annotations.NullMarked;
