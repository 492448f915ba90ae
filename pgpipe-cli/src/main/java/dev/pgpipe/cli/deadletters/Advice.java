package dev.pgpipe.cli.deadletters;

import dev.pgpipe.sink.deadletter.DeadLetter;
import dev.pgpipe.sink.deadletter.Origin;
import java.util.ArrayList;
import java.util.List;

/** What an operator can do about a dead letter, by the class of its SQLSTATE. */
final class Advice {

  private Advice() {}

  static List<String> lines(DeadLetter l) {
    List<String> lines = new ArrayList<>();
    String state = l.sqlState() == null ? "" : l.sqlState();
    String table = l.qualifiedTable();
    if (state.startsWith("23")) {
      lines.add("A constraint of " + table + " on the target refused the row: fix the row's");
      lines.add("conflict on the target, or change the constraint, then replay it.");
    } else if (state.startsWith("22")) {
      lines.add("A value does not fit its column of " + table + " on the target (type, length,");
      lines.add("range): widen the column on the target, then replay it.");
    } else if (state.startsWith("42")) {
      lines.add("The target's " + table + " does not match the event (a missing table, column or");
      lines.add("privilege): fix the target's schema or grants, then replay it.");
    } else if (l.error().contains("not found") || l.error().contains("not in target")) {
      lines.add("The target lacks the table or a column of the event: create it on the target");
      lines.add("(as on the source), then replay it.");
    } else {
      lines.add("Read the error above; once the target can take the event, replay it.");
    }
    String only = l.origin() == Origin.SINK ? "" : " --from " + l.origin().label();
    String into = l.origin() == Origin.SINK ? "" : " --to TARGET_URL";
    lines.add("Replay:   pgpipe deadletters replay" + only + into + " --id " + l.id());
    lines.add("          (inserts are kept when the row was written later; updates, deletes and");
    lines.add("          truncates need --force once you checked the row: see GUARANTEES.md)");
    lines.add("Discard:  pgpipe deadletters discard" + only + " --id " + l.id());
    return lines;
  }
}
