package dev.pgpipe.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where and as whom to connect: host, port, database, user, password and driver parameters.
 *
 * <p>Built from a {@code postgres://user:pass@host:port/db?sslmode=require} URL, a {@code
 * jdbc:postgresql://host:port/db?user=...} URL, or the standard {@code PGHOST}, {@code PGPORT},
 * {@code PGUSER}, {@code PGPASSWORD}, {@code PGDATABASE}, {@code PGSSLMODE} and {@code
 * PGSSLROOTCERT} variables. URL parameters in libpq spelling ({@code sslmode}, {@code
 * connect_timeout}, {@code application_name}) are translated for pgjdbc; others pass through as
 * pgjdbc properties. Without a password, the driver looks the login up in {@code $PGPASSFILE}, else
 * {@code ~/.pgpass} (libpq's format), so no secret needs to be on a command line. {@link
 * #toString()} and every error message leave the password out.
 */
public record ConnectionSettings(
    String host,
    int port,
    String database,
    String user,
    String password,
    Map<String, String> parameters) {

  public static final int DEFAULT_PORT = 5432;

  public ConnectionSettings {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("user must not be blank");
    }
    if (database.isBlank()) {
      database = user;
    }
    parameters = Map.copyOf(parameters);
  }

  /** Parses a {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql://} URL. */
  public static ConnectionSettings parse(String url) {
    String trimmed = url.strip();
    String rest;
    if (trimmed.startsWith("jdbc:postgresql://")) {
      rest = trimmed.substring("jdbc:".length());
    } else if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      rest = trimmed;
    } else {
      throw badUrl(trimmed, "it must start with postgres://, postgresql:// or jdbc:postgresql://");
    }
    try {
      return fromUri(new URI(rest), trimmed);
    } catch (URISyntaxException e) {
      throw badUrl(trimmed, e.getReason());
    }
  }

  /** Settings from the libpq variables in {@code env}; missing ones take libpq's defaults. */
  public static ConnectionSettings fromEnvironment(Map<String, String> env) {
    String user = env.getOrDefault("PGUSER", System.getProperty("user.name", "postgres"));
    Map<String, String> parameters = new LinkedHashMap<>();
    variable(env, "PGSSLMODE").ifPresent(mode -> parameters.put("sslmode", mode));
    variable(env, "PGSSLROOTCERT").ifPresent(file -> parameters.put("sslrootcert", file));
    String port = env.getOrDefault("PGPORT", String.valueOf(DEFAULT_PORT));
    return new ConnectionSettings(
        env.getOrDefault("PGHOST", "localhost"),
        portNumber(port, "PGPORT"),
        env.getOrDefault("PGDATABASE", user),
        user,
        env.getOrDefault("PGPASSWORD", ""),
        parameters);
  }

  /**
   * Settings from the variables {@code <prefix>_HOST}, {@code _PORT}, {@code _DATABASE}, {@code
   * _USER}, {@code _PASSWORD} or {@code _PASSWORD_FILE} (a file holding the password, see {@link
   * SecretFile}), {@code _SSLMODE} and {@code _SSLROOTCERT} in {@code env}, for example {@code
   * fromEnvironment(env, "POSTGRES_INPUT")}. A variable that is unset or blank falls back to its
   * libpq variable as {@link #fromEnvironment(Map)} reads it ({@code PGHOST}, ..., {@code
   * PGSSLMODE}, {@code PGSSLROOTCERT}); values are stripped of surrounding white space (the
   * password too, so a secret mounted with a trailing newline works). With no password at all the
   * driver reads {@code $PGPASSFILE} or {@code ~/.pgpass}.
   *
   * @param prefix the variables' common start without the trailing underscore, e.g. {@code
   *     POSTGRES_OUTPUT}
   * @throws IllegalArgumentException when a port is not a number in 1..65535, both {@code
   *     _PASSWORD} and {@code _PASSWORD_FILE} are set, the password file cannot be read (the
   *     messages name the variable and never a password), or {@code prefix} is blank or ends with
   *     {@code _}
   */
  public static ConnectionSettings fromEnvironment(Map<String, String> env, String prefix) {
    if (prefix.isBlank() || prefix.endsWith("_")) {
      throw new IllegalArgumentException(
          "the prefix names variables without the trailing underscore, e.g. POSTGRES_INPUT: "
              + prefix);
    }
    ConnectionSettings libpq = fromEnvironment(env);
    String portVariable = prefix + "_PORT";
    String port = variable(env, portVariable).orElse(String.valueOf(libpq.port()));
    Map<String, String> parameters = new LinkedHashMap<>(libpq.parameters());
    variable(env, prefix + "_SSLMODE").ifPresent(mode -> parameters.put("sslmode", mode));
    variable(env, prefix + "_SSLROOTCERT").ifPresent(file -> parameters.put("sslrootcert", file));
    return new ConnectionSettings(
        variable(env, prefix + "_HOST").orElse(libpq.host()),
        portNumber(port, portVariable),
        variable(env, prefix + "_DATABASE").orElse(libpq.database()),
        variable(env, prefix + "_USER").orElse(libpq.user()),
        password(env, prefix).orElse(libpq.password()),
        parameters);
  }

  private static Optional<String> password(Map<String, String> env, String prefix) {
    Optional<String> password = variable(env, prefix + "_PASSWORD");
    Optional<String> file = variable(env, prefix + "_PASSWORD_FILE");
    if (password.isPresent() && file.isPresent()) {
      throw new IllegalArgumentException(
          "both " + prefix + "_PASSWORD and " + prefix + "_PASSWORD_FILE are set: keep only one");
    }
    return file.map(f -> SecretFile.read(Path.of(f), prefix + "_PASSWORD_FILE")).or(() -> password);
  }

  private static Optional<String> variable(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static int portNumber(String text, String variable) {
    int port;
    try {
      port = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw notAPort(variable, text, e);
    }
    if (port < 1 || port > 65535) {
      throw notAPort(variable, text, null);
    }
    return port;
  }

  private static IllegalArgumentException notAPort(
      String variable, String text, @Nullable Exception cause) {
    return new IllegalArgumentException(
        variable + " is not a port number (1..65535): " + text, cause);
  }

  private static ConnectionSettings fromUri(URI uri, String original) {
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      throw badUrl(original, "it names no host");
    }
    Map<String, String> query = queryParameters(uri.getRawQuery());
    String user = query.remove("user");
    String password = query.remove("password");
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? password : decode(userInfo.substring(colon + 1));
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? decode(path.substring(1)) : path;
    String effectiveUser = user == null ? "postgres" : user;
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new ConnectionSettings(
        host, port, database, effectiveUser, password == null ? "" : password, query);
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.put(driverParameterName(key), value);
    }
    return parameters;
  }

  private static String driverParameterName(String libpqName) {
    return switch (libpqName) {
      case "connect_timeout" -> "connectTimeout";
      case "application_name" -> "ApplicationName";
      case "sslrootcert" -> "sslrootcert";
      default -> libpqName;
    };
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException badUrl(String url, String why) {
    return new IllegalArgumentException(
        "not a usable PostgreSQL URL: "
            + redact(url)
            + " ("
            + why
            + "); expected postgres://user:password@host:port/database?sslmode=...");
  }

  /** The URL with any password replaced by {@code ***}. */
  static String redact(String url) {
    return url.replaceAll("(://[^:/@?#]*):[^@/?#]*@", "$1:***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** The JDBC URL, without credentials. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database;
  }

  private String hostForUrl() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Driver properties: the credentials and every parameter. */
  Properties driverProperties() {
    Properties properties = new Properties();
    properties.putAll(parameters);
    properties.setProperty("user", user);
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** The same settings for another database on the same server. */
  public ConnectionSettings withDatabase(String otherDatabase) {
    return new ConnectionSettings(host, port, otherDatabase, user, password, parameters);
  }

  @Override
  public String toString() {
    return "postgres://"
        + user
        + (password.isEmpty() ? "" : ":***")
        + "@"
        + hostForUrl()
        + ":"
        + port
        + "/"
        + database
        + (parameters.isEmpty() ? "" : " " + parameters);
  }
}
