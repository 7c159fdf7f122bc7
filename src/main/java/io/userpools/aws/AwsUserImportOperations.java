package io.userpools.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.userpools.aws.AwsOperations.Call;
import io.userpools.userimport.ImportConfig;
import io.userpools.userimport.ImportJob;
import io.userpools.userimport.UserImportService;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV user import on the AWS endpoint (issue 17): GetCSVHeader, CreateUserImportJob (whose
 * PreSignedUrl is Userpools' own upload route), StartUserImportJob, StopUserImportJob,
 * DescribeUserImportJob and ListUserImportJobs, with Cognito's UserImportJobType.
 */
@Singleton
public class AwsUserImportOperations implements AwsOperationGroup {

    static final AwsInput.Shape JOB_ID = AwsInput.Shape.of(1, 55, "import-[0-9a-zA-Z-]+");
    static final AwsInput.Shape ROLE_ARN = AwsInput.Shape.of(20, 2048,
            "arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:[\\w+=/,.@-]*:[0-9]+:[\\w+=/,.@:-]+");
    private static final AwsInput.Shape PAGE_TOKEN = AwsInput.Shape.of(1, Integer.MAX_VALUE, "[\\S]+");
    static final String UPLOAD_PATH = "/user-import-uploads/";

    private final AwsCalls calls;
    private final UserImportService imports;
    private final ImportConfig config;

    public AwsUserImportOperations(AwsCalls calls, UserImportService imports, ImportConfig config) {
        this.calls = calls;
        this.imports = imports;
        this.config = config;
    }

    @Override
    public List<AwsOperations.Op> operations() {
        return List.of(
                AwsOperations.Op.signed("GetCSVHeader", this::getCsvHeader),
                AwsOperations.Op.signed("CreateUserImportJob", this::createUserImportJob),
                AwsOperations.Op.signed("StartUserImportJob", call -> onJob(call, imports::start)),
                AwsOperations.Op.signed("StopUserImportJob", call -> onJob(call, imports::stop)),
                AwsOperations.Op.signed("DescribeUserImportJob", call -> onJob(call, imports::describe)),
                AwsOperations.Op.signed("ListUserImportJobs", this::listUserImportJobs));
    }

    private interface JobAction {
        Uni<ImportJob> apply(String poolId, String jobId);
    }

    private Uni<ObjectNode> onJob(Call call, JobAction action) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String jobId = in.string("JobId", JOB_ID, true);
        in.check();
        return calls.limited(call, poolId, action.apply(poolId, jobId)).map(job -> {
            ObjectNode out = calls.out();
            job(out.putObject("UserImportJob"), job);
            return out;
        });
    }

    private Uni<ObjectNode> getCsvHeader(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        in.check();
        return calls.limited(call, poolId, imports.header(poolId)).map(header -> {
            ObjectNode out = calls.out();
            out.put("UserPoolId", poolId);
            ArrayNode columns = out.putArray("CSVHeader");
            header.forEach(columns::add);
            return out;
        });
    }

    private Uni<ObjectNode> createUserImportJob(Call call) {
        AwsInput in = call.input();
        String name = in.string("JobName", AwsInput.NAME, true);
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        String role = in.string("CloudWatchLogsRoleArn", ROLE_ARN, true);
        in.check();
        String keyId = call.rc().get(AwsCalls.KEY_ID);
        JsonObject actor = new JsonObject().put("type", "admin").put("keyId", keyId);
        String base = config.uploadBaseUrl().orElseGet(() -> origin(call));
        return calls.limited(call, poolId, imports.create(poolId, name, role, actor, "StartUserImportJob"))
                .map(created -> {
                    ImportJob job = created.job();
                    ObjectNode out = calls.out();
                    ObjectNode shape = out.putObject("UserImportJob");
                    job(shape, job);
                    shape.put("PreSignedUrl", stripSlash(base) + UPLOAD_PATH + encode(job.poolId()) + "/"
                            + encode(job.id()) + "?token=" + created.uploadToken());
                    return out;
                });
    }

    private Uni<ObjectNode> listUserImportJobs(Call call) {
        AwsInput in = call.input();
        String poolId = in.string("UserPoolId", AwsInput.USER_POOL_ID, true);
        Integer max = in.integer("MaxResults", 1, 60, true);
        String token = in.string("PaginationToken", PAGE_TOKEN, false);
        in.check();
        return calls.limited(call, poolId, imports.list(poolId, max, token)).map(page -> {
            ObjectNode out = calls.out();
            ArrayNode jobs = out.putArray("UserImportJobs");
            page.jobs().forEach(job -> job(jobs.addObject(), job));
            if (page.paginationToken() != null) {
                out.put("PaginationToken", page.paginationToken());
            }
            return out;
        });
    }

    /** Cognito's UserImportJobType (PreSignedUrl only in CreateUserImportJob's answer). */
    private static void job(ObjectNode out, ImportJob job) {
        out.put("JobName", job.name());
        out.put("JobId", job.id());
        out.put("UserPoolId", job.poolId());
        out.put("CreationDate", AwsShapes.time(job.createdAt()));
        if (job.startedAt() != null) {
            out.put("StartDate", AwsShapes.time(job.startedAt()));
        }
        if (job.completedAt() != null) {
            out.put("CompletionDate", AwsShapes.time(job.completedAt()));
        }
        out.put("Status", job.status());
        if (!job.roleArn().isEmpty()) {
            out.put("CloudWatchLogsRoleArn", job.roleArn());
        }
        out.put("ImportedUsers", job.importedUsers());
        out.put("SkippedUsers", job.skippedUsers());
        out.put("FailedUsers", job.failedUsers());
        if (job.completionMessage() != null) {
            out.put("CompletionMessage", job.completionMessage());
        }
    }

    private static String origin(Call call) {
        URI uri = URI.create(call.rc().request().absoluteURI());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
