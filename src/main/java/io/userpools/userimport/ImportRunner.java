package io.userpools.userimport;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.userpools.common.error.CognitoException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.smallrye.mutiny.Uni;
import io.userpools.user.ImportedUsers;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs import jobs on this replica's import threads (they block on the database, never on an
 * event loop). A job is claimed with a fresh lease; each batch of users is written in one
 * transaction together with the failed lines and the job's progress, which checks the lease, so a
 * job that another replica took over stops here without writing. Batches are pipelined: the next
 * is parsed and checked while earlier ones are written, and their transactions commit in file
 * order (see {@link #batches}); memory holds a few batches, never the file. A sweep on every replica starts
 * Pending jobs and resumes running ones whose runner went quiet (a restart, a crash): they go on
 * from the last committed line. A file that turns out unreadable ends the job Failed with the line.
 */
@Singleton
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int RACE_RETRIES = 5;
    static final String SUCCEEDED = "Import Job Completed Successfully.";
    static final String STOPPED = "Import Job Stopped";

    private final ImportJobRepository jobs;
    private final ImportedUsers writer;
    private final PoolService pools;
    private final ImportConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private ExecutorService threads;
    private ExecutorService writers;
    private long timer = -1;

    public ImportRunner(ImportJobRepository jobs, ImportedUsers writer, PoolService pools, ImportConfig config,
            Clock clock, Vertx vertx) {
        this.jobs = jobs;
        this.writer = writer;
        this.pools = pools;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        threads = Executors.newFixedThreadPool(Math.max(1, config.workers()), task -> {
            Thread thread = new Thread(task, "user-import");
            thread.setDaemon(true);
            return thread;
        });
        writers = Executors.newFixedThreadPool(Math.max(1, config.workers()) * Math.max(1, config.concurrentBatches()),
                task -> {
                    Thread thread = new Thread(task, "user-import-writer");
                    thread.setDaemon(true);
                    return thread;
                });
        timer = vertx.setPeriodic(1000, config.sweepInterval().toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (threads != null) {
            threads.shutdownNow();
        }
        if (writers != null) {
            writers.shutdownNow();
        }
    }

    /** Looks for jobs to start or resume, and runs them. */
    public void sweep() {
        Instant stale = clock.instant().minus(config.staleAfter());
        jobs.runnable(stale).subscribe().with(list -> list.forEach(job -> submit(job[0], job[1])),
                e -> LOG.debugf("import sweep: %s", e.getMessage()));
    }

    /** Runs the job here if it is still to run (another replica may have taken it). */
    void submit(String poolId, String jobId) {
        try {
            threads.execute(() -> {
                Instant now = clock.instant();
                ImportJobRepository.Claim claim = jobs.claim(poolId, jobId, UUID.randomUUID(), now,
                        now.minus(config.staleAfter())).await().atMost(WAIT);
                if (claim != null) {
                    run(claim);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down, or busy: the next sweep takes it
        }
    }

    private void run(ImportJobRepository.Claim claim) {
        try {
            Pool pool = Blocking.await(() -> pools.get(claim.poolId()));
            CsvRecords records = new CsvRecords(ImportUploads.utf8(new Stored(claim)), ImportUploads.MAX_FIELD,
                    ImportUploads.MAX_FIELDS);
            CsvRecords.Record header = records.next();
            List<String> columns = header == null ? List.of() : header.fields();
            CsvHeader.check(pool, columns);
            for (long skip = 0; skip < claim.rowsDone(); skip++) {
                records.next();
            }
            String outcome = batches(pool, claim, columns, records);
            if (outcome != null) {
                finish(claim, outcome);
            }
        } catch (CsvRecords.CsvException e) {
            fail(claim, "The CSV file is malformed: " + e.getMessage());
        } catch (CharacterCodingException e) {
            fail(claim, "The CSV file is not UTF-8 text");
        } catch (CognitoException e) {
            fail(claim, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // the database went away, or this runner lost its lease: the sweep resumes the job
            LOG.warnf("import job %s paused: %s", claim.id(), e.toString());
        }
    }

    /**
     * Writes every batch; answers the final status, or null when the lease was lost. The next
     * batch is read and checked while earlier ones are written, and up to
     * {@link ImportConfig#concurrentBatches()} batches are written at once, each in its own
     * transaction, so that the database works on both while this thread parses: each transaction
     * commits only after the one before it did (its last statement waits for it), so the job's
     * committed lines are always a prefix of the file and a resume starts after them. A batch that
     * holds a username or identifier of a batch still being written waits for that batch first:
     * its insert would otherwise wait on the other's uncommitted row while the other waits for it
     * to commit, and the check must see that row to name the line a duplicate.
     */
    private String batches(Pool pool, ImportJobRepository.Claim claim, List<String> columns, CsvRecords records)
            throws IOException, CsvRecords.CsvException {
        int size = Math.max(1, config.batchSize());
        int depth = Math.max(1, config.concurrentBatches());
        ArrayDeque<Writing> writing = new ArrayDeque<>();
        AtomicBoolean checking = new AtomicBoolean();
        try {
            while (true) {
                List<CsvRecords.Record> batch = new ArrayList<>(size);
                CsvRecords.Record record;
                while (batch.size() < size && (record = records.next()) != null) {
                    batch.add(record);
                }
                if (batch.isEmpty()) {
                    while (!writing.isEmpty()) {
                        if (ImportJob.STOPPING.equals(written(writing.poll()))) {
                            return stopped(writing);
                        }
                    }
                    return ImportJob.SUCCEEDED;
                }
                Checked checked = check(pool, columns, batch);
                boolean overlaps = writing.stream().anyMatch(w -> !Collections.disjoint(w.keys(), checked.keys()));
                while (!writing.isEmpty() && (overlaps || writing.size() >= depth)) {
                    if (ImportJob.STOPPING.equals(written(writing.poll()))) {
                        return stopped(writing);
                    }
                }
                CompletableFuture<String> before = writing.isEmpty() ? null : writing.peekLast().status();
                writing.add(new Writing(checked.keys(), CompletableFuture.supplyAsync(
                        () -> write(pool, claim, checked, before, checking), writers)));
            }
        } finally {
            // an error (or a lost lease) ends the run: the batches still in flight end too, before
            // the job may be resumed (they roll back, as each waits for the one that failed)
            for (Writing w : writing) {
                try {
                    written(w);
                } catch (RuntimeException e) {
                    // that batch's own outcome: it rolled back
                }
            }
        }
    }

    /** The batches written after the one that saw Stopping end too; then the job is Stopped. */
    private static String stopped(ArrayDeque<Writing> writing) {
        while (!writing.isEmpty()) {
            written(writing.poll());
        }
        return ImportJob.STOPPED;
    }

    /** Waits for a batch's transaction; answers the job's status it saw. */
    private static String written(Writing batch) {
        try {
            // a batch waits for the one before it, so the wait is bounded by two of theirs
            return batch.status().get(2 * WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a batch did not end", e);
        }
    }

    /** A batch being written: its usernames and identifiers, and its transaction's outcome. */
    private record Writing(Set<String> keys, CompletableFuture<String> status) {
    }

    /** A batch checked line by line: the users to create, the lines refused, and their keys. */
    private record Checked(int lines, List<ImportedUsers.NewUser> users, List<ImportJobRepository.Failure> failures,
            Set<String> keys, boolean distinct) {
    }

    private static Checked check(Pool pool, List<String> columns, List<CsvRecords.Record> batch) {
        List<ImportedUsers.NewUser> users = new ArrayList<>(batch.size());
        List<ImportJobRepository.Failure> failures = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int named = 0;
        for (CsvRecords.Record record : batch) {
            Object checked = ImportRows.check(pool, columns, record, UUID.randomUUID());
            if (checked instanceof ImportedUsers.NewUser user) {
                users.add(user);
                keys.add(user.usernameKey());
                user.aliasKeys().forEach((name, key) -> keys.add(name + '\0' + key));
                named += 1 + user.aliasKeys().size();
            } else {
                ImportRows.Failure failure = (ImportRows.Failure) checked;
                failures.add(new ImportJobRepository.Failure(failure.line(), failure.reason()));
            }
        }
        return new Checked(batch.size(), users, failures, keys, keys.size() == named);
    }

    /**
     * Writes one batch in one transaction, which commits only after {@code before} (the batch
     * before it, or null) committed; answers the job's status. A batch without a username or
     * identifier twice is first inserted without looking for taken ones; if any was taken, it
     * rolls back and runs again with the look-up, as do the job's later batches ({@code checking}):
     * a pool that already holds some of the file's users costs one wasted insert, not one per batch.
     */
    private String write(Pool pool, ImportJobRepository.Claim claim, Checked batch, CompletableFuture<String> before,
            AtomicBoolean checking) {
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            boolean unchecked = attempt == 1 && batch.distinct() && !checking.get();
            try {
                return jobs.pool().withTransaction(sql -> jobs.lockTimeout(sql)
                        .chain(() -> unchecked
                                ? writer.insertUnchecked(sql, pool.id(), batch.users(), now, claim.operation(),
                                        claim.actor(), pool.unkeptAttributes())
                                : writer.insert(sql, pool.id(), batch.users(), now, claim.operation(),
                                        claim.actor(), pool.unkeptAttributes()))
                        .call(() -> before == null ? Uni.createFrom().voidItem()
                                : Uni.createFrom().completionStage(before))
                        .flatMap(refused -> {
                            List<ImportJobRepository.Failure> all = new ArrayList<>(batch.failures());
                            refused.forEach(r -> all.add(new ImportJobRepository.Failure(r.line(), r.reason())));
                            long imported = batch.users().size() - refused.size();
                            return jobs.insertFailures(sql, claim, all)
                                    .chain(() -> jobs.progress(sql, claim, batch.lines(), imported, all.size(), now))
                                    .invoke(status -> {
                                        if (status == null) {
                                            throw new IllegalStateException("lease lost");
                                        }
                                    });
                        })).await().atMost(WAIT);
            } catch (ImportedUsers.Raced e) {
                if (unchecked) {
                    checking.set(true);
                } else if (attempt == RACE_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void finish(ImportJobRepository.Claim claim, String status) {
        String message = ImportJob.STOPPED.equals(status) ? STOPPED : SUCCEEDED;
        jobs.finish(claim, status, message, ImportJob.STOPPED.equals(status), clock.instant()).await().atMost(WAIT);
    }

    private void fail(ImportJobRepository.Claim claim, String message) {
        jobs.finish(claim, ImportJob.FAILED, message, true, clock.instant()).await().atMost(WAIT);
    }

    /** The stored upload as a stream, one chunk in memory at a time. */
    private final class Stored extends InputStream {
        private final ImportJobRepository.Claim claim;
        private byte[] chunk = new byte[0];
        private int position;
        private int seq;
        private boolean end;

        Stored(ImportJobRepository.Claim claim) {
            this.claim = claim;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (position == chunk.length) {
                if (end) {
                    return -1;
                }
                byte[] next = jobs.chunk(claim.poolId(), claim.id(), seq++).await().atMost(WAIT);
                if (next == null) {
                    end = true;
                    return -1;
                }
                chunk = next;
                position = 0;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }
}
