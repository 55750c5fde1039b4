package dev.llmload.gatling.internal;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import org.slf4j.LoggerFactory;

/**
 * A Gatling {@link Action} written in Java: the name Gatling shows and the Scala logging plumbing the trait asks
 * for, once. Subclasses implement {@link #execute}.
 */
abstract class JavaAction implements Action {

  private final String name;
  private final Logger logger;

  JavaAction(String name) {
    this.name = name;
    this.logger = Logger.apply(LoggerFactory.getLogger(getClass()));
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Logger logger() {
    return logger;
  }

  @Override
  public final void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    // the logger is set once, by the constructor
  }
}
