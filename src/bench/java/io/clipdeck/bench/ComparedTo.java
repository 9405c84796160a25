package io.clipdeck.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the baselines a benchmark method is measured against, by method name in the same class.
 * {@link BenchReport} reads it to print "x times faster" for each pair, so the claim a benchmark
 * exists to check sits next to its code rather than in the build file.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComparedTo {

  /** Names of the baseline {@code @Benchmark} methods in the same class. */
  String[] value();
}
