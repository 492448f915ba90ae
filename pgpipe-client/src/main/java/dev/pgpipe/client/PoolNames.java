package dev.pgpipe.client;

import java.util.HashSet;
import java.util.Set;

/**
 * The names of the pools open in this process, unique: a pool's meters ({@code hikaricp_*}) are
 * labelled with its name, and a second pool of the same name would have its meters refused (with a
 * warning) and go unmeasured. A name already in use gets a suffix: {@code pgpipe}, {@code
 * pgpipe-2}, ... Thread-safe.
 */
final class PoolNames {

  private static final Set<String> inUse = new HashSet<>();

  private PoolNames() {}

  /** {@code wanted}, or the first {@code wanted-N} (N from 2) no open pool has. */
  static synchronized String claim(String wanted) {
    String name = wanted;
    for (int n = 2; !inUse.add(name); n++) {
      name = wanted + "-" + n;
    }
    return name;
  }

  /** Frees a name {@link #claim} gave, when its pool closes. */
  static synchronized void release(String name) {
    inUse.remove(name);
  }
}
