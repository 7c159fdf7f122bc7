package io.userpools.userimport;

import io.smallrye.mutiny.Uni;
import io.userpools.common.PaginationTokens;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.error.NotAuthorizedException;
import io.userpools.common.error.PreconditionNotMetException;
import io.userpools.common.error.ResourceNotFoundException;
import io.userpools.pool.Pool;
import io.userpools.pool.PoolService;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * CSV user import (issue 17): GetCSVHeader, CreateUserImportJob with its upload URL, the upload,
 * StartUserImportJob, StopUserImportJob, DescribeUserImportJob, ListUserImportJobs, and REST's
 * one-step import (create, upload and start). The methods that take a stream block (worker threads
 * only); the others are reactive.
 */
@Singleton
public class UserImportService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final Duration WAIT = Duration.ofMinutes(1);
    /** How many failed lines a job's description lists. */
    public static final int FAILURES_SHOWN = 100;

    /** A job as created, with the secret of its upload URL (shown once). */
    public record Created(ImportJob job, String uploadToken) {
    }

    /** A page of jobs. */
    public record Page(List<ImportJob> jobs, String paginationToken) {
    }

    private final ImportJobRepository jobs;
    private final ImportUploads uploads;
    private final ImportRunner runner;
    private final PoolService pools;
    private final ImportConfig config;
    private final PaginationTokens tokens;
    private final Clock clock;

    public UserImportService(ImportJobRepository jobs, ImportUploads uploads, ImportRunner runner, PoolService pools,
            ImportConfig config, PaginationTokens tokens, Clock clock) {
        this.jobs = jobs;
        this.uploads = uploads;
        this.runner = runner;
        this.pools = pools;
        this.config = config;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** GetCSVHeader: the pool's import columns. @throws ResourceNotFoundException for an unknown pool */
    public Uni<List<String>> header(String poolId) {
        return pools.get(poolId).map(CsvHeader::of);
    }

    /**
     * CreateUserImportJob: a job in Created and the secret of its upload URL, good for the
     * configured time and this job only.
     *
     * @param actor     who asks, as the history records it
     * @param operation the Cognito operation the imported users' history names
     * @throws ResourceNotFoundException for an unknown pool
     */
    public Uni<Created> create(String poolId, String name, String roleArn, JsonObject actor, String operation) {
        return pools.get(poolId).flatMap(pool -> {
            String id = newId();
            String token = newToken();
            Instant now = clock.instant();
            return jobs.insert(pool.id(), id, name, roleArn == null ? "" : roleArn, hash(token),
                    now.plus(config.uploadUrlValidity()), actor, operation, now)
                    .chain(() -> jobs.find(pool.id(), id)).map(job -> new Created(job, token));
        });
    }

    /**
     * The upload to a job's URL (blocking): the secret must be the job's, unexpired, and the job
     * still in Created; a new upload replaces the last.
     *
     * @throws NotAuthorizedException (403) for a wrong, expired or used URL
     * @throws InvalidParameterException for a refused file ({@link ImportUploads#store})
     */
    public void upload(String poolId, String jobId, String token, InputStream body) {
        ImportJobRepository.UploadTarget target = jobs.uploadTarget(poolId, jobId).await().atMost(WAIT);
        if (target == null || token == null || !MessageDigest.isEqual(target.tokenHash(), hash(token))) {
            throw NotAuthorizedException.forbidden("The upload URL is not valid");
        }
        if (!clock.instant().isBefore(target.expiresAt())) {
            throw NotAuthorizedException.forbidden("The upload URL has expired");
        }
        if (!ImportJob.CREATED.equals(target.status())) {
            throw NotAuthorizedException.forbidden("The import job has already started");
        }
        Pool pool = Blocking.await(() -> pools.get(poolId));
        ImportUploads.Uploaded uploaded = uploads.store(pool, jobId, body);
        if (!jobs.uploaded(poolId, jobId, uploaded.bytes(), uploaded.rows()).await().atMost(WAIT)) {
            throw NotAuthorizedException.forbidden("The import job has already started");
        }
    }

    /**
     * REST's import in one step (blocking): creates the job, stores the file and starts it.
     *
     * @throws ResourceNotFoundException for an unknown pool
     * @throws PreconditionNotMetException when the pool has no auto-verified attribute
     * @throws InvalidParameterException for a refused file (413 when too large)
     */
    public ImportJob importCsv(String poolId, String name, JsonObject actor, String operation, InputStream body) {
        Pool pool = Blocking.await(() -> pools.get(poolId));
        requireImportable(pool);
        Created created = Blocking.await(() -> create(poolId, name, "", actor, operation));
        String id = created.job().id();
        try {
            ImportUploads.Uploaded uploaded = uploads.store(pool, id, body);
            jobs.uploaded(poolId, id, uploaded.bytes(), uploaded.rows()).await().atMost(WAIT);
        } catch (RuntimeException e) {
            jobs.delete(poolId, id).await().atMost(WAIT);
            throw e;
        }
        return Blocking.await(() -> start(poolId, id));
    }

    /**
     * StartUserImportJob: a Created job with its file uploaded becomes Pending and runs.
     *
     * @throws ResourceNotFoundException for an unknown pool or job
     * @throws PreconditionNotMetException when nothing was uploaded, or the pool has no
     *                                     auto-verified attribute
     * @throws InvalidParameterException when the job is past Created
     */
    public Uni<ImportJob> start(String poolId, String jobId) {
        return pools.get(poolId).flatMap(pool -> {
            requireImportable(pool);
            return describe(poolId, jobId).flatMap(job -> {
                if (!ImportJob.CREATED.equals(job.status())) {
                    throw new InvalidParameterException("Import job " + jobId + " is " + job.status()
                            + ": only a job in Created can be started");
                }
                return jobs.start(poolId, jobId, clock.instant()).map(started -> {
                    if (started == null) {
                        throw new PreconditionNotMetException("No CSV file has been uploaded for import job " + jobId);
                    }
                    runner.submit(poolId, jobId);
                    return started;
                });
            });
        });
    }

    /**
     * StopUserImportJob: a Pending job stops at once, a running one after its current batch.
     *
     * @throws PreconditionNotMetException when the job is not Pending or InProgress
     */
    public Uni<ImportJob> stop(String poolId, String jobId) {
        return describe(poolId, jobId).flatMap(job -> jobs.stop(poolId, jobId, clock.instant()).map(stopped -> {
            if (stopped == null) {
                throw new PreconditionNotMetException("Import job " + jobId + " is " + job.status()
                        + ": only a Pending or InProgress job can be stopped");
            }
            return stopped;
        }));
    }

    /** DescribeUserImportJob. @throws ResourceNotFoundException for an unknown pool or job */
    public Uni<ImportJob> describe(String poolId, String jobId) {
        return pools.get(poolId).flatMap(pool -> jobs.find(pool.id(), jobId)).map(job -> {
            if (job == null) {
                throw new ResourceNotFoundException("Import job " + jobId + " does not exist.");
            }
            return job;
        });
    }

    /** The first {@link #FAILURES_SHOWN} failed lines of a job. */
    public Uni<List<ImportJobRepository.Failure>> failures(String poolId, String jobId) {
        return jobs.failures(poolId, jobId, FAILURES_SHOWN);
    }

    /**
     * ListUserImportJobs: newest first, {@code maxResults} (1-60) a page.
     *
     * @throws InvalidParameterException for a bad or expired token
     */
    public Uni<Page> list(String poolId, int maxResults, String token) {
        String listing = "list-user-import-jobs|" + poolId;
        Instant afterCreated = null;
        String afterId = null;
        if (token != null) {
            String[] position = tokens.position(listing, token).split("\\|", 2);
            if (position.length != 2) {
                throw new InvalidParameterException(PaginationTokens.INVALID);
            }
            afterCreated = Instant.parse(position[0]);
            afterId = position[1];
        }
        Instant created = afterCreated;
        String id = afterId;
        return pools.get(poolId).flatMap(pool -> jobs.list(pool.id(), maxResults + 1, created, id)).map(found -> {
            List<ImportJob> page = found.size() > maxResults ? found.subList(0, maxResults) : found;
            return new Page(page, tokens.after(listing, page, found.size(),
                    job -> job.createdAt() + "|" + job.id()));
        });
    }

    private static void requireImportable(Pool pool) {
        if (!ImportRows.importable(pool)) {
            throw new PreconditionNotMetException("The user pool has no auto-verified attribute: imported users "
                    + "could not receive a code to set their password");
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("import-");
        for (int i = 0; i < 10; i++) {
            id.append(ID[RANDOM.nextInt(ID.length)]);
        }
        return id.toString();
    }

    private static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
