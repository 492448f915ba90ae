/**
 * How every long-running command runs: {@link dev.pgpipe.cli.supervise.Supervisor} runs the
 * command's {@link dev.pgpipe.cdc.Job} on its own thread, turns Ctrl-C into a graceful stop ({@link
 * dev.pgpipe.cli.supervise.GracefulStop}: what is in hand is committed and confirmed before the JVM
 * exits), prints the status line and the summary with the stop reason.
 */
@NullMarked
package dev.pgpipe.cli.supervise;

import org.jspecify.annotations.NullMarked;
