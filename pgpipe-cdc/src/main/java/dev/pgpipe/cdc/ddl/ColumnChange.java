package dev.pgpipe.cdc.ddl;

/**
 * One difference between two column lists of a table, found by {@link ColumnChanges}: columns are
 * matched by attnum, so a rename is told from a drop plus an add. A column that was renamed and
 * retyped by one comparison yields both a {@link Renamed} and a {@link TypeChanged}. Immutable.
 */
public sealed interface ColumnChange {

  /** The attnum of the column concerned. */
  int attnum();

  /** A column with an attnum the old list lacks. */
  record Added(DdlColumn column) implements ColumnChange {
    @Override
    public int attnum() {
      return column.attnum();
    }
  }

  /** A column whose attnum the new list lacks. */
  record Dropped(DdlColumn column) implements ColumnChange {
    @Override
    public int attnum() {
      return column.attnum();
    }
  }

  /** Same attnum, new name. */
  record Renamed(DdlColumn before, DdlColumn after) implements ColumnChange {
    public Renamed {
      sameAttnum(before, after);
    }

    @Override
    public int attnum() {
      return after.attnum();
    }
  }

  /** Same attnum, another type OID, type modifier or printed type. */
  record TypeChanged(DdlColumn before, DdlColumn after) implements ColumnChange {
    public TypeChanged {
      sameAttnum(before, after);
    }

    @Override
    public int attnum() {
      return after.attnum();
    }
  }

  /** Same attnum, NOT NULL set or dropped. */
  record NullabilityChanged(DdlColumn before, DdlColumn after) implements ColumnChange {
    public NullabilityChanged {
      sameAttnum(before, after);
    }

    @Override
    public int attnum() {
      return after.attnum();
    }
  }

  /** Same attnum, default (or generation expression) set, changed or dropped. */
  record DefaultChanged(DdlColumn before, DdlColumn after) implements ColumnChange {
    public DefaultChanged {
      sameAttnum(before, after);
    }

    @Override
    public int attnum() {
      return after.attnum();
    }
  }

  private static void sameAttnum(DdlColumn before, DdlColumn after) {
    if (before.attnum() != after.attnum()) {
      throw new IllegalArgumentException(
          "not the same column: attnum " + before.attnum() + " and " + after.attnum());
    }
  }
}
