package dev.pgpipe.dbn.hist;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the error bodies and warning headers of the Historical API (pure).
 *
 * <pre>
 * {"detail": "Authorization failed: illegal chars in username."}
 * {"detail": {"case": "data_start_before_available_start", "message": "...",
 *             "status_code": 422, "docs": "https://...", "payload": {...}}}
 * X-Warning: ["DeprecationWarning: ...", "BentoWarning: ..."]
 * </pre>
 */
final class ErrorBody {

  /** Raw bodies longer than this are shortened in messages. */
  static final int MAX_RAW = 300;

  private ErrorBody() {}

  /** The exception for an error answer: status, what the server said, and the request id. */
  static HistoricalException exception(
      String path, int status, String body, @Nullable String requestId) {
    String said;
    String reason = null;
    Object detail = detail(body);
    if (detail instanceof String text) {
      said = text;
    } else if (detail != null && Json.member(detail, "message") instanceof String message) {
      reason = Json.member(detail, "case") instanceof String c ? c : null;
      Object docs = Json.member(detail, "docs");
      said = message + (reason == null ? "" : " [" + reason + "]");
      said += docs instanceof String link ? " (see " + link + ")" : "";
    } else {
      said = shorten(body.strip());
    }
    String message =
        path
            + " failed with HTTP "
            + status
            + ": "
            + said
            + (requestId == null ? "" : " (request-id " + requestId + ")");
    return new HistoricalException(message, status, requestId, reason);
  }

  private static @Nullable Object detail(String body) {
    try {
      return Json.member(Json.parse(body), "detail");
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  static String shorten(String raw) {
    if (raw.isEmpty()) {
      return "(empty body)";
    }
    return raw.length() <= MAX_RAW
        ? raw
        : raw.substring(0, MAX_RAW) + "... (" + raw.length() + " chars)";
  }

  /** The warnings of an {@code X-Warning} header: a JSON array of strings, else the raw text. */
  static List<String> warnings(String header) {
    try {
      if (Json.parse(header) instanceof List<?> list) {
        List<String> out = new ArrayList<>();
        for (Object item : list) {
          out.add(String.valueOf(item));
        }
        return out;
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      // not JSON: shown as it came
    }
    return List.of(header);
  }
}
