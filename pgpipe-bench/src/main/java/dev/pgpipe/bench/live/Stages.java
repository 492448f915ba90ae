package dev.pgpipe.bench.live;

/**
 * Sampled wall and CPU time of the loop's two stages: {@code next} (socket read and DBN decode in
 * the live client) and {@code accept} (transform to a row and binary COPY encoding in the live
 * load, blocking while the writers' buffers are full). Not thread-safe.
 */
final class Stages {

  long nextWall;
  long nextCpu;
  long acceptWall;
  long acceptCpu;
  long samples;

  void add(long nextWallNs, long nextCpuNs, long acceptWallNs, long acceptCpuNs) {
    nextWall += nextWallNs;
    nextCpu += nextCpuNs;
    acceptWall += acceptWallNs;
    acceptCpu += acceptCpuNs;
    samples++;
  }

  /** The share of the loop's CPU spent decoding (the rest transforms and encodes). */
  double decodeShareOfCpu() {
    long cpu = nextCpu + acceptCpu;
    return cpu == 0 ? 0 : (double) nextCpu / cpu;
  }

  private double ofWall(long part) {
    long wall = nextWall + acceptWall;
    return wall == 0 ? 0 : (double) part / wall;
  }

  double decodeOfWall() {
    return ofWall(nextCpu);
  }

  double encodeOfWall() {
    return ofWall(acceptCpu);
  }

  /** Waiting for bytes from the gateway (or the scheduler). */
  double gatewayWaitOfWall() {
    return ofWall(Math.max(0, nextWall - nextCpu));
  }

  /** Blocked in the writers: their buffers are full until the database commits. */
  double databaseWaitOfWall() {
    return ofWall(Math.max(0, acceptWall - acceptCpu));
  }
}
