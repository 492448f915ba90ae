package dev.pgpipe.cdc.pgoutput;

import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Begin;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Commit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Delete;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Insert;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Message;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Origin;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Relation;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamAbort;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamCommit;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStart;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.StreamStop;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Truncate;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Type;
import dev.pgpipe.cdc.pgoutput.PgOutputMessage.Update;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one pgoutput message at a time (the payload of one XLogData frame).
 *
 * <p>The decoder is pure but keeps one bit of state: whether it is inside a Stream Start/Stop
 * block, because there DML, Relation, Type, Truncate and Message carry an extra leading xid. Use
 * one decoder per replication connection, from one thread. Every malformed or truncated message
 * throws {@link PgOutputException} with the offset; the buffer's position is not moved.
 *
 * <pre>
 * Begin    'B' finalLsn:i64 commitTime:i64 xid:i32
 * Commit   'C' flags:i8 commitLsn:i64 endLsn:i64 commitTime:i64
 * Origin   'O' commitLsn:i64 name:cstr
 * Relation 'R' [xid:i32] relid:i32 nspname:cstr relname:cstr replident:i8 ncols:i16
 *              { flags:i8 name:cstr typeOid:i32 typmod:i32 }*
 * Type     'Y' [xid:i32] oid:i32 nspname:cstr typname:cstr
 * Insert   'I' [xid:i32] relid:i32 'N' tuple
 * Update   'U' [xid:i32] relid:i32 [('K'|'O') tuple] 'N' tuple
 * Delete   'D' [xid:i32] relid:i32 ('K'|'O') tuple
 * Truncate 'T' [xid:i32] nrels:i32 options:i8 relid:i32*
 * Message  'M' [xid:i32] flags:i8 lsn:i64 prefix:cstr length:i32 content
 * StreamStart 'S' xid:i32 first:i8 · StreamStop 'E'
 * StreamCommit 'c' xid:i32 flags:i8 commitLsn:i64 endLsn:i64 commitTime:i64
 * StreamAbort  'A' xid:i32 subxid:i32 [abortLsn:i64 abortTime:i64]   (protocol 4, parallel)
 * tuple = ncols:i16 { 'n' | 'u' | ('t'|'b') length:i32 bytes }*
 * </pre>
 */
public final class PgOutputDecoder {

  private boolean inStream;

  /** Whether the last message decoded was inside a Stream Start/Stop block. */
  public boolean inStream() {
    return inStream;
  }

  /** Decodes the message between the buffer's position and limit. */
  public PgOutputMessage decode(ByteBuffer message) {
    WireReader in = new WireReader(message);
    byte type = in.int8("message type");
    PgOutputMessage decoded = decodeBody((char) type, in);
    if (in.hasRemaining()) {
      throw new PgOutputException(
          in.remaining() + " unexpected trailing bytes after message '" + (char) type + "'",
          in.offset());
    }
    return decoded;
  }

  /** Decodes a whole message held in an array. */
  public PgOutputMessage decode(byte[] message) {
    return decode(ByteBuffer.wrap(message));
  }

  private PgOutputMessage decodeBody(char type, WireReader in) {
    return switch (type) {
      case 'B' -> new Begin(in.int64("final LSN"), in.timestamp("commit time"), in.uint32("xid"));
      case 'C' ->
          new Commit(
              in.int8("flags"),
              in.int64("commit LSN"),
              in.int64("end LSN"),
              in.timestamp("commit time"));
      case 'O' -> new Origin(in.int64("origin LSN"), in.cstring("origin name"));
      case 'R' -> relation(in);
      case 'Y' ->
          new Type(
              streamXid(in), in.uint32("type OID"), in.cstring("namespace"), in.cstring("name"));
      case 'I' -> insert(in);
      case 'U' -> update(in);
      case 'D' -> delete(in);
      case 'T' -> truncate(in);
      case 'M' -> message(in);
      case 'S' -> streamStart(in);
      case 'E' -> streamStop();
      case 'c' -> streamCommit(in);
      case 'A' -> streamAbort(in);
      default -> throw new PgOutputException("unknown message type '" + type + "'", 0);
    };
  }

  private long streamXid(WireReader in) {
    return inStream ? in.uint32("xid") : 0;
  }

  private Relation relation(WireReader in) {
    long xid = streamXid(in);
    long relationId = in.uint32("relation OID");
    String namespace = in.cstring("namespace");
    String name = in.cstring("relation name");
    char identity = (char) in.int8("replica identity");
    int count = in.int16("column count");
    List<RelationColumn> columns = new ArrayList<>(Math.max(count, 0));
    for (int i = 0; i < count; i++) {
      boolean key = (in.int8("column flags") & 1) != 0;
      columns.add(
          new RelationColumn(
              key, in.cstring("column name"), in.uint32("type OID"), in.int32("typmod")));
    }
    return new Relation(
        xid, relationId, namespace.isEmpty() ? "pg_catalog" : namespace, name, identity, columns);
  }

  private Insert insert(WireReader in) {
    long xid = streamXid(in);
    long relationId = in.uint32("relation OID");
    expect(in, 'N', "new tuple marker");
    return new Insert(xid, relationId, tuple(in));
  }

  private Update update(WireReader in) {
    long xid = streamXid(in);
    long relationId = in.uint32("relation OID");
    int markerOffset = in.offset();
    char marker = (char) in.int8("tuple marker");
    char oldKind = 0;
    TupleData old = null;
    if (marker == 'K' || marker == 'O') {
      oldKind = marker;
      old = tuple(in);
      markerOffset = in.offset();
      marker = (char) in.int8("new tuple marker");
    }
    if (marker != 'N') {
      throw new PgOutputException("expected tuple marker 'N', got '" + marker + "'", markerOffset);
    }
    return new Update(xid, relationId, oldKind, old, tuple(in));
  }

  private Delete delete(WireReader in) {
    long xid = streamXid(in);
    long relationId = in.uint32("relation OID");
    int markerOffset = in.offset();
    char marker = (char) in.int8("old tuple marker");
    if (marker != 'K' && marker != 'O') {
      throw new PgOutputException(
          "expected old tuple marker 'K' or 'O', got '" + marker + "'", markerOffset);
    }
    return new Delete(xid, relationId, marker, tuple(in));
  }

  private Truncate truncate(WireReader in) {
    long xid = streamXid(in);
    int count = in.int32("relation count");
    int options = in.int8("truncate options");
    if (count < 0 || count > in.remaining() / 4) {
      throw new PgOutputException("relation count " + count + " does not fit", in.offset() - 5);
    }
    List<Long> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(in.uint32("relation OID"));
    }
    return new Truncate(xid, options, ids);
  }

  private Message message(WireReader in) {
    long xid = streamXid(in);
    boolean transactional = (in.int8("message flags") & 1) != 0;
    long lsn = in.int64("message LSN");
    String prefix = in.cstring("message prefix");
    int length = in.int32("content length");
    return new Message(xid, transactional, lsn, prefix, in.bytes(length, "message content"));
  }

  private StreamStart streamStart(WireReader in) {
    StreamStart start = new StreamStart(in.uint32("xid"), in.int8("first segment flag") == 1);
    inStream = true;
    return start;
  }

  private StreamStop streamStop() {
    inStream = false;
    return new StreamStop();
  }

  private StreamCommit streamCommit(WireReader in) {
    return new StreamCommit(
        in.uint32("xid"),
        in.int8("flags"),
        in.int64("commit LSN"),
        in.int64("end LSN"),
        in.timestamp("commit time"));
  }

  private StreamAbort streamAbort(WireReader in) {
    long xid = in.uint32("xid");
    long subXid = in.uint32("subtransaction xid");
    if (!in.hasRemaining()) {
      return new StreamAbort(xid, subXid, 0, null);
    }
    return new StreamAbort(xid, subXid, in.int64("abort LSN"), in.timestamp("abort time"));
  }

  private static void expect(WireReader in, char wanted, String what) {
    int offset = in.offset();
    char got = (char) in.int8(what);
    if (got != wanted) {
      throw new PgOutputException(
          "expected " + what + " '" + wanted + "', got '" + got + "'", offset);
    }
  }

  private static TupleData tuple(WireReader in) {
    int count = in.int16("tuple column count");
    List<TupleValue> values = new ArrayList<>(Math.max(count, 0));
    for (int i = 0; i < count; i++) {
      int offset = in.offset();
      char kind = (char) in.int8("column kind");
      values.add(
          switch (kind) {
            case 'n' -> TupleValue.Null.INSTANCE;
            case 'u' -> TupleValue.Unchanged.INSTANCE;
            case 't' -> new TupleValue.Text(in.bytes(in.int32("value length"), "text value"));
            case 'b' -> new TupleValue.Binary(in.bytes(in.int32("value length"), "binary value"));
            default ->
                throw new PgOutputException(
                    "unknown tuple column kind '" + kind + "' in column " + i, offset);
          });
    }
    return new TupleData(values);
  }
}
