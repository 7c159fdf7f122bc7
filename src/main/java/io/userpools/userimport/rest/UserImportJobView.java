package io.userpools.userimport.rest;

import io.userpools.userimport.ImportJob;
import io.userpools.userimport.ImportJobRepository;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user import job: its progress, counts, and its first failed lines (when asked for one job). */
@Schema(requiredProperties = {"jobId", "jobName", "poolId", "status", "createdAt", "importedUsers", "skippedUsers",
    "failedUsers"})
public record UserImportJobView(String jobId, String jobName, String poolId,
        @Schema(type = SchemaType.STRING, enumeration = {"Created", "Pending", "InProgress", "Stopping", "Stopped",
                "Succeeded", "Failed"}) String status,
        Instant createdAt, Instant startedAt, Instant completedAt, long importedUsers, long skippedUsers,
        long failedUsers, String completionMessage,
        @Schema(description = "The first 100 failed lines, in line order (only when one job is asked for)")
        List<FailedLine> failures) {

    /** A line of the file that created no user (the header is line 1), and why. */
    @Schema(requiredProperties = {"line", "reason"})
    public record FailedLine(long line, String reason) {
    }

    static UserImportJobView of(ImportJob job, List<ImportJobRepository.Failure> failures) {
        return new UserImportJobView(job.id(), job.name(), job.poolId(), job.status(), job.createdAt(),
                job.startedAt(), job.completedAt(), job.importedUsers(), job.skippedUsers(), job.failedUsers(),
                job.completionMessage(),
                failures == null ? null : failures.stream().map(f -> new FailedLine(f.line(), f.reason())).toList());
    }
}
