package io.stork.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one job per thread, all at once, and times them from the first start to the last end. */
final class Threads {
  private Threads() {}

  interface Job {
    void run(int thread) throws Exception;
  }

  /** Nanoseconds until every one of {@code threads} runs of {@code job} has finished. */
  static long timed(int threads, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        runs.add(pool.submit(() -> {
          job.run(thread);
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get();
      }
      return System.nanoTime() - start;
    } finally {
      pool.shutdown();
    }
  }
}
