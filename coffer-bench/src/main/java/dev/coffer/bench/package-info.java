/**
 * JMH benchmarks of the hot paths. Build with {@code ./mvnw -pl coffer-bench -am package -DskipTests}, run
 * with {@code java -jar coffer-bench/target/benchmarks.jar <pattern>}; figures go in docs/PERFORMANCE.md.
 */
package dev.coffer.bench;
