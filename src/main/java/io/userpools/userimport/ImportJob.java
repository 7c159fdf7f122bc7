package io.userpools.userimport;

import java.time.Instant;

/**
 * A user import job as stored (Cognito's UserImportJobType). {@code preSignedUrl} is known only in
 * the answer of the call that created the job: the URL's secret is stored as a hash.
 */
public record ImportJob(String poolId, String id, String name, String status, String roleArn, Instant createdAt,
        Instant startedAt, Instant completedAt, long importedUsers, long skippedUsers, long failedUsers,
        String completionMessage, String preSignedUrl) {

    public static final String CREATED = "Created";
    public static final String PENDING = "Pending";
    public static final String IN_PROGRESS = "InProgress";
    public static final String STOPPING = "Stopping";
    public static final String STOPPED = "Stopped";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    ImportJob withUrl(String url) {
        return new ImportJob(poolId, id, name, status, roleArn, createdAt, startedAt, completedAt, importedUsers,
                skippedUsers, failedUsers, completionMessage, url);
    }
}
