package io.userpools.userimport.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.userpools.auth.Callers;
import io.userpools.common.error.InvalidParameterException;
import io.userpools.common.validation.RequestConstraints;
import io.userpools.userimport.UserImportService;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/pools/{poolId}/user-import-jobs")
@Tag(name = "User import", description = "Bulk import of users from a CSV file (admin)")
@SecurityRequirement(name = "adminKey")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(Callers.ADMIN_KEY)
@RolesAllowed(Callers.ADMIN)
public class UserImportResource {

    /** The history's operation for users this route imports. */
    static final String OPERATION = "StartUserImportJob";

    private final UserImportService imports;
    private final SecurityIdentity identity;

    public UserImportResource(UserImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    // any media type: the body is read as CSV whatever it says, and the admin key is checked first
    @Consumes(MediaType.WILDCARD)
    @Blocking // the file is read as a stream and stored a chunk at a time
    @Operation(operationId = "createUserImportJob", summary = "Import users from a CSV file",
            description = "CreateUserImportJob, the upload and StartUserImportJob in one request. The body is a CSV "
            + "file in Cognito's import format: a header naming columns of getCSVHeader (cognito:username required), "
            + "then one user per line. The file is checked (UTF-8, CSV, header, size and line limits) before the "
            + "answer; the users are then created in the background in RESET_REQUIRED, each line through the "
            + "rules of adminCreateUser. Follow the job's progress at its location.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "users", value = Examples.CSV)))
    @APIResponse(responseCode = "201", description = "The job, Pending or already InProgress",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The job",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = UserImportJobView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: the file is empty, not UTF-8, "
            + "not CSV, its header names an unknown column or one twice or lacks cognito:username, or it holds too "
            + "many users; PreconditionNotMetException: the pool has no auto-verified attribute")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    @APIResponse(responseCode = "413", description = "InvalidParameterException: the file is over the size limit")
    public Response createUserImportJob(@PathParam("poolId") String poolId,
            @Parameter(description = "The job's name (1-128 characters); by default the job's id")
            @QueryParam("jobName") String jobName, InputStream body, UriInfo uri) {
        if (jobName != null) {
            RequestConstraints.length("jobName", jobName, 1, 128);
        }
        JsonObject actor = new JsonObject().put("type", "admin").put("keyId", identity.getPrincipal().getName());
        var job = imports.importCsv(poolId, jobName == null ? "csv-import" : jobName, actor, OPERATION, body);
        return Response.created(UriBuilder.fromUri(uri.getAbsolutePath()).path("{jobId}").build(job.id()))
                .entity(UserImportJobView.of(job, null)).build();
    }

    @GET
    @Operation(operationId = "listUserImportJobs", summary = "List a pool's import jobs, newest first",
            description = "ListUserImportJobs. maxResults (1-60, default 60) per page; paginationToken, absent on "
            + "the last page, asks for the next one.")
    @APIResponse(responseCode = "200", description = "A page of jobs",
            content = @Content(schema = @Schema(implementation = UserImportJobListView.class)))
    @APIResponse(responseCode = "400", description = "InvalidParameterException: bad maxResults or token")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<UserImportJobListView> listUserImportJobs(@PathParam("poolId") String poolId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "60"))
            @QueryParam("maxResults") String maxResults,
            @Parameter(description = "The previous page's paginationToken") @QueryParam("paginationToken")
            String paginationToken) {
        int max = maxResults == null ? 60 : RequestConstraints.range("maxResults", whole(maxResults), 1, 60);
        return imports.list(poolId, max, paginationToken).map(page -> new UserImportJobListView(
                page.jobs().stream().map(job -> UserImportJobView.of(job, null)).toList(), page.paginationToken()));
    }

    private static int whole(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("maxResults must be a whole number from 1 to 60");
        }
    }

    @GET
    @Path("/csv-header")
    @Operation(operationId = "getCSVHeader", summary = "The columns of an import file for this pool",
            description = "GetCSVHeader. The pool's attributes in schema order (sub left out), then "
            + "cognito:mfa_enabled and cognito:username.")
    @APIResponse(responseCode = "200", description = "The header",
            content = @Content(schema = @Schema(implementation = CsvHeaderView.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool")
    public Uni<CsvHeaderView> getCSVHeader(@PathParam("poolId") String poolId) {
        return imports.header(poolId).map(header -> new CsvHeaderView(poolId, header));
    }

    @GET
    @Path("/{jobId}")
    @Operation(operationId = "describeUserImportJob", summary = "An import job's progress and failed lines",
            description = "DescribeUserImportJob. Status Created, Pending, InProgress, Stopping, Stopped, Succeeded "
            + "or Failed; the imported, skipped and failed counts; the first 100 failed lines with their reasons.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = UserImportJobView.class)))
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool or job")
    public Uni<UserImportJobView> describeUserImportJob(@PathParam("poolId") String poolId,
            @PathParam("jobId") String jobId) {
        RequestConstraints.length("jobId", jobId, 1, 55);
        return imports.describe(poolId, jobId).flatMap(job -> imports.failures(poolId, jobId)
                .map(failures -> UserImportJobView.of(job, failures)));
    }

    @POST
    @Path("/{jobId}/stop")
    @Operation(operationId = "stopUserImportJob", summary = "Stop an import job",
            description = "StopUserImportJob. A Pending job stops at once; an InProgress one is Stopping until its "
            + "current batch is written, then Stopped, with the lines not reached counted as skipped.")
    @APIResponse(responseCode = "200", description = "The job, Stopping or Stopped",
            content = @Content(schema = @Schema(implementation = UserImportJobView.class)))
    @APIResponse(responseCode = "400", description = "PreconditionNotMetException: the job is not running")
    @APIResponse(responseCode = "404", description = "ResourceNotFoundException: no such pool or job")
    public Uni<UserImportJobView> stopUserImportJob(@PathParam("poolId") String poolId,
            @PathParam("jobId") String jobId) {
        RequestConstraints.length("jobId", jobId, 1, 55);
        return imports.stop(poolId, jobId).map(job -> UserImportJobView.of(job, null));
    }
}
