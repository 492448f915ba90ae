package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** Column values drawn from a workload's random source: deterministic for its seed. */
final class Values {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> STATUSES = List.of("new", "paid", "packed", "shipped", "done");
  private static final List<String> KINDS = List.of("login", "view", "click", "order", "payment");

  private final SplittableRandom random;

  Values(SplittableRandom random) {
    this.random = random;
  }

  /** Text that does not compress: 2,200 to 3,600 characters, so it is stored out of line. */
  String longText() {
    int length = 2_200 + random.nextInt(1_400);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  /** A profile: long (TOASTed) six times in ten, else short, one time in ten null. */
  @Nullable String profile() {
    int kind = random.nextInt(10);
    if (kind < 6) {
      return longText();
    }
    return kind < 9 ? "short profile " + random.nextInt(1_000_000) : null;
  }

  BigDecimal money() {
    return BigDecimal.valueOf(random.nextLong(10_000_000), 2);
  }

  Instant time() {
    return EPOCH.plusMillis(random.nextLong(86_400_000L * 30));
  }

  List<String> tags() {
    List<String> tags = new ArrayList<>();
    for (int i = random.nextInt(4); i >= 0; i--) {
      tags.add("tag" + random.nextInt(50));
    }
    return tags;
  }

  String status() {
    return STATUSES.get(random.nextInt(STATUSES.size()));
  }

  String kind() {
    return KINDS.get(random.nextInt(KINDS.size()));
  }

  /** One to five order lines as a JSON array, and their quantities. */
  Json items(List<Integer> quantities) {
    StringBuilder json = new StringBuilder("[");
    for (int i = random.nextInt(5); i >= 0; i--) {
      int quantity = 1 + random.nextInt(9);
      quantities.add(quantity);
      json.append(json.length() > 1 ? "," : "")
          .append("{\"sku\":\"sku-")
          .append(random.nextInt(500))
          .append("\",\"qty\":")
          .append(quantity)
          .append(",\"price\":")
          .append(money())
          .append('}');
    }
    return Json.of(json.append(']').toString());
  }

  Json payload() {
    return Json.of(
        "{\"session\":"
            + random.nextInt(100_000)
            + ",\"page\":\"/p/"
            + random.nextInt(300)
            + "\",\"flags\":["
            + random.nextInt(3)
            + ","
            + random.nextInt(3)
            + "]}");
  }
}
