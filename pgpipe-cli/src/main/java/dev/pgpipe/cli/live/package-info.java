/** {@code pgpipe live}: a Databento-compatible live session streamed into the market tables. */
@NullMarked
package dev.pgpipe.cli.live;

import org.jspecify.annotations.NullMarked;
