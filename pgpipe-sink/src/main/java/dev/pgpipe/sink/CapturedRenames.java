package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.ddl.ColumnChange;
import dev.pgpipe.cdc.ddl.DdlEvent;
import dev.pgpipe.cdc.ddl.DdlEvents;
import dev.pgpipe.cdc.ddl.DdlFormatException;
import dev.pgpipe.cdc.ddl.DdlTable;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The renames that DDL capture saw on the source, as {@link SchemaAction}s to do on the target at
 * the message's place in the stream. pgoutput's Relation messages show a renamed column as one
 * dropped and one added, so following them alone would keep the values under the old name and leave
 * the new column empty; the captured message carries the table before the command, with attnums,
 * which tells a rename apart ({@link DdlEvent.TableAltered#columnChanges()}). A message without the
 * table before (the source's record of it was lost) yields nothing: the Relation messages are
 * followed as without capture. Pure.
 */
final class CapturedRenames {

  /**
   * One rename of the table known as {@code schema.table} when the command ran: the table's own
   * rename comes first, and the column renames of that command name the table as it is after it.
   */
  record Rename(String schema, String table, SchemaAction action, long lsn) {

    /** {@code schema.table}, unquoted, as the sink labels tables. */
    String label() {
      return schema + "." + table;
    }
  }

  /**
   * What to do with a rename on the target: carry it out, nothing (the target already has the new
   * name, or has no such table: the Relation messages create it), or nothing with a warning.
   */
  sealed interface Decision {
    /** Rename on the target. */
    record Rename() implements Decision {}

    /** Nothing to do. */
    record Nothing() implements Decision {}

    /** Nothing can be done safely; {@code reason} says where, why and what follows. */
    record Skip(String reason) implements Decision {}
  }

  private CapturedRenames() {}

  /**
   * What to do with {@code rename}, given the target table under its name before ({@code target})
   * and, for a table rename, under its new name ({@code destination}) and whether this sink follows
   * that name.
   */
  static Decision decide(
      Rename rename,
      Optional<TargetShape> target,
      Optional<TargetShape> destination,
      boolean destinationFollowed) {
    if (target.isEmpty()) {
      return new Decision.Nothing();
    }
    return switch (rename.action()) {
      case SchemaAction.RenameColumn column -> column(rename, target.get(), column);
      case SchemaAction.RenameTable table -> {
        String to = table.schema() + "." + table.name();
        if (!destinationFollowed) {
          yield skip(
              rename,
              "renamed to "
                  + to
                  + ", which this sink does not follow (--tables): its changes are no longer"
                  + " applied; add "
                  + to
                  + " to --tables to follow it");
        }
        yield destination.isEmpty()
            ? new Decision.Rename()
            : skip(
                rename,
                "renamed to " + to + ", but the target has a table of that name too: both kept");
      }
      default -> new Decision.Nothing();
    };
  }

  /**
   * What to tell the operator when a table this sink does not follow was renamed to one it does:
   * the new name's table is created at its first change, without the rows from before the rename.
   */
  static Optional<String> joining(Rename rename, BiPredicate<String, String> followed) {
    if (!(rename.action() instanceof SchemaAction.RenameTable table)
        || !followed.test(table.schema(), table.name())) {
      return Optional.empty();
    }
    String to = table.schema() + "." + table.name();
    return Optional.of(
        "table "
            + rename.label()
            + " was renamed to "
            + to
            + " on the source at LSN "
            + Lsn.format(rename.lsn())
            + "; this sink follows "
            + to
            + " but did not follow "
            + rename.label()
            + ", so the target gets "
            + to
            + " from its next change on, without its earlier rows: run pgpipe backfill --table "
            + to);
  }

  private static Decision.Skip skip(Rename rename, String reason) {
    return new Decision.Skip("at LSN " + Lsn.format(rename.lsn()) + ": " + reason);
  }

  private static Decision column(
      Rename rename, TargetShape target, SchemaAction.RenameColumn column) {
    boolean from = target.column(column.from()) != null;
    boolean to = target.column(column.to()) != null;
    if (from && !to) {
      return new Decision.Rename();
    }
    if (!from) {
      return new Decision.Nothing(); // already renamed, or never there: nothing to carry over
    }
    return skip(
        rename,
        "column "
            + column.from()
            + " was renamed to "
            + column.to()
            + ", but the target table has both: both kept; "
            + column.to()
            + " follows the source from here on, and the rows written before keep their values in "
            + column.from());
  }

  /**
   * Events prepared and applied together ({@link #runs}), with the renames of the first one already
   * read: {@code renames} are those of {@code events.get(0)}, empty when it carries none. The
   * events after the first carry no renames, since a run is cut before every event that does.
   */
  record Run(List<Pending> events, List<Rename> renames) {
    Run {
      if (events.isEmpty()) {
        throw new IllegalArgumentException("a run has at least one event; renames: " + renames);
      }
      events = List.copyOf(events);
      renames = List.copyOf(renames);
    }

    /** The renames of the event at {@code index} in {@link #events}: none but the first's. */
    List<Rename> renamesAt(int index) {
      return index == 0 ? renames : List.of();
    }
  }

  /**
   * {@code todo} cut before each captured rename, so that the rows before it are written under the
   * old names, the rename is done as the next run starts, and its rows are written under the new
   * names. One run, {@code todo} itself, when no rename is among them; none when {@code todo} is
   * empty. Runs are never empty, and each DDL message is read once, here.
   *
   * @throws SinkException when a DDL message cannot be read ({@link #of})
   */
  static List<Run> runs(List<Pending> todo) {
    if (todo.isEmpty()) {
      return List.of();
    }
    List<Run> runs = new ArrayList<>();
    int from = 0;
    List<Rename> renames = captured(todo.get(0).event());
    for (int i = 1; i < todo.size(); i++) {
      List<Rename> next = captured(todo.get(i).event());
      if (!next.isEmpty()) {
        runs.add(new Run(todo.subList(from, i), renames));
        from = i;
        renames = next;
      }
    }
    runs.add(new Run(todo.subList(from, todo.size()), renames));
    return runs;
  }

  /** {@link #of}, reading only DDL messages. */
  private static List<Rename> captured(ChangeEvent event) {
    return DdlEvents.isDdl(event) ? of(event) : List.of();
  }

  /**
   * The renames in {@code event}, in the order they were made; none unless it is a DDL message.
   *
   * @throws SinkException when the message cannot be read: the sink stops rather than guess
   */
  static List<Rename> of(ChangeEvent event) {
    List<DdlEvent> ddl;
    try {
      ddl = DdlEvents.of(event);
    } catch (DdlFormatException e) {
      throw new SinkException(
          "cannot read the DDL captured on the source at LSN "
              + Lsn.format(event.lsn())
              + ": "
              + e.getMessage()
              + ". The sink stops rather than guess how the tables changed: run the pgpipe"
              + " version that installed the capture trigger (pgpipe setup-ddl-capture installs"
              + " this version's)",
          e);
    }
    List<Rename> renames = new ArrayList<>();
    for (DdlEvent each : ddl) {
      if (each instanceof DdlEvent.TableAltered altered && altered.before() != null) {
        renames(altered.before(), altered, event.lsn(), renames);
      }
    }
    return List.copyOf(renames);
  }

  private static void renames(
      DdlTable before, DdlEvent.TableAltered altered, long lsn, List<Rename> out) {
    DdlTable after = altered.table();
    if (!before.schema().equals(after.schema()) || !before.name().equals(after.name())) {
      out.add(
          new Rename(
              before.schema(),
              before.name(),
              new SchemaAction.RenameTable(after.schema(), after.name()),
              lsn));
    }
    for (ColumnChange change : altered.columnChanges()) {
      if (change instanceof ColumnChange.Renamed renamed) {
        out.add(
            new Rename(
                after.schema(),
                after.name(),
                new SchemaAction.RenameColumn(renamed.before().name(), renamed.after().name()),
                lsn));
      }
    }
  }
}
