package dev.pgpipe.testkit;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** JUnit extension behind {@link WithPostgres}: a database per test class on {@link TestServer}. */
public final class PostgresExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Override
  public void beforeAll(ExtensionContext context) {
    String name =
        ("t_" + context.getRequiredTestClass().getSimpleName() + "_" + SEQUENCE.incrementAndGet())
            .toLowerCase(Locale.ROOT);
    TestDatabase database = TestServer.get().createDatabase(name);
    context.getStore(NAMESPACE).put(TestDatabase.class, database);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    TestDatabase database =
        context.getStore(NAMESPACE).remove(TestDatabase.class, TestDatabase.class);
    if (database != null) {
      TestServer.get().dropDatabase(database.name());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestDatabase database = context.getStore(NAMESPACE).get(TestDatabase.class, TestDatabase.class);
    if (database == null) {
      throw new IllegalStateException(
          "no test database: is the class annotated with @WithPostgres?");
    }
    return database;
  }
}
