package dev.pgpipe.bench.live;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live gateway for one benchmark client on {@code 127.0.0.1}: the handshake of the live protocol
 * (greeting, challenge, any response accepted, subscriptions up to {@code start_session}), then DBN
 * v3 metadata and a pre-encoded block of MBO records sent over and over as fast as the socket takes
 * it. Each round shifts the block's {@code ts_event} and {@code ts_recv} past the previous round,
 * so every record has a key of its own. Stops when the client closes the connection.
 *
 * <pre>
 *   S: lsg_version=bench\n  cram=bench\n      C: auth=...\n
 *   S: success=1|session_id=bench\n           C: schema=...\n ... start_session\n
 *   S: metadata, then MBO records (56 bytes: header 16, order_id 8, price 8, size 4, flags 1,
 *      channel 1, action 1, side 1, ts_recv 8 at offset 40, ts_in_delta 4, sequence 4)
 * </pre>
 *
 * The protocol's facts: ../shared/specs/live-protocol.md. Thread-safe counters.
 */
final class FastGateway implements AutoCloseable {

  static final long START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final int RECORD = 56;
  private static final int TS_EVENT = 8;
  private static final int TS_RECV = 40;

  private final ServerSocket server;
  private final byte[] block;
  private final long span;
  private final AtomicLong records = new AtomicLong();
  private final Thread thread;

  private FastGateway(ServerSocket server, int blockRecords) {
    this.server = server;
    this.block = block(blockRecords);
    this.span = blockRecords * 1_000L;
    this.thread = new Thread(this::serve, "bench-gateway");
    thread.setDaemon(true);
    thread.start();
  }

  /** Listens on an ephemeral loopback port; {@code blockRecords} MBO records per write. */
  static FastGateway start(int blockRecords) {
    try {
      return new FastGateway(
          new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), blockRecords);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on the loopback interface", e);
    }
  }

  /** {@code host:port} for the client's gateway option. */
  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** The gateway's thread, whose CPU time the benchmark reports apart from the client's. */
  Thread thread() {
    return thread;
  }

  /** MBO records handed to the socket so far. */
  long recordsSent() {
    return records.get();
  }

  private static byte[] block(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * RECORD);
    SplittableRandom random = new SplittableRandom(42);
    long price = 6_000_000_000_000L;
    try (DbnEncoder encoder =
        DbnEncoder.fragment(out, Dbn.CURRENT_VERSION, false, DbnEncoder.Compression.NONE)) {
      for (int i = 0; i < count; i++) {
        long ts = START + i * 1_000L;
        price += random.nextLong(-250_000_000L, 250_000_001L);
        RecordHeader header = new RecordHeader(RType.MBO, 1, 1 + random.nextInt(400), ts);
        char action = "ACMTF".charAt(random.nextInt(5));
        char side = random.nextBoolean() ? 'B' : 'A';
        encoder.write(
            new MboMsg(
                header,
                1_000_000L + i,
                price,
                1 + random.nextInt(50),
                128,
                0,
                action,
                side,
                ts + 500,
                random.nextInt(10_000),
                i));
      }
    }
    return out.toByteArray();
  }

  private void serve() {
    try (Socket socket = server.accept()) {
      socket.setTcpNoDelay(true);
      socket.setSendBufferSize(1 << 20);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      out.write("lsg_version=bench\ncram=bench\n".getBytes(StandardCharsets.US_ASCII));
      readLine(in); // the authentication line: any response is accepted
      out.write("success=1|session_id=bench\n".getBytes(StandardCharsets.US_ASCII));
      while (!readLine(in).equals("start_session")) {
        // subscriptions: the stream is MBO whatever was asked
      }
      out.write(
          DbnEncoder.encodeMetadata(Metadata.of("GLBX.MDP3", null, START, Dbn.UNDEF_TIMESTAMP)));
      stream(out);
    } catch (IOException e) {
      // the client closed the connection: the benchmark is over
    }
  }

  private void stream(OutputStream out) throws IOException {
    ByteBuffer view = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
    int count = block.length / RECORD;
    while (true) {
      out.write(block);
      records.addAndGet(count);
      for (int at = 0; at < block.length; at += RECORD) {
        view.putLong(at + TS_EVENT, view.getLong(at + TS_EVENT) + span);
        view.putLong(at + TS_RECV, view.getLong(at + TS_RECV) + span);
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the client closed the connection during the handshake");
      }
      line.append((char) b);
    }
    return line.toString();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
