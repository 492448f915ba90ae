package dev.pgpipe.testkit.gateway;

/**
 * What the mock gateway does on one client connection. Runs on its own virtual thread; an exception
 * or failed assertion is kept and rethrown by {@link MockGateway#awaitScripts}.
 */
@FunctionalInterface
public interface GatewayScript {
  /** Plays the gateway's side of the conversation; the session is closed afterwards. */
  void run(GatewaySession session) throws Exception;
}
