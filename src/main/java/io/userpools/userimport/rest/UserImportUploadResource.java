package io.userpools.userimport.rest;

import io.smallrye.common.annotation.Blocking;
import io.userpools.common.error.Problem;
import io.userpools.userimport.UserImportService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The PreSignedUrl of CreateUserImportJob: public (AWS clients PUT the file there with no
 * signature, as to S3), authorised by the URL's own secret, which names one job, expires, and is
 * refused once the job has started.
 */
@Path("/user-import-uploads/{poolId}/{jobId}")
@Tag(name = "User import", description = "Bulk import of users from a CSV file (admin)")
@PermitAll
public class UserImportUploadResource {

    private final UserImportService imports;

    public UserImportUploadResource(UserImportService imports) {
        this.imports = imports;
    }

    @PUT
    @Blocking // the file is read as a stream and stored a chunk at a time
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "uploadUserImportFile", summary = "Upload the CSV file of an import job",
            description = "The PreSignedUrl that CreateUserImportJob answers: PUT the CSV file there, with no "
            + "credentials. The URL holds a secret for one job, expires, and is refused once the job has started; a "
            + "second upload before the start replaces the first. The file is checked as createUserImportJob checks it.")
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "users", value = Examples.CSV)))
    @APIResponse(responseCode = "200", description = "Stored; StartUserImportJob runs it")
    @APIResponse(responseCode = "400", description = "InvalidParameterException: the file is refused")
    @APIResponse(responseCode = "403", description = "NotAuthorizedException: the URL is wrong, expired or used")
    @APIResponse(responseCode = "413", description = "InvalidParameterException: the file is over the size limit")
    public Response uploadUserImportFile(@PathParam("poolId") String poolId, @PathParam("jobId") String jobId,
            @QueryParam("token") String token, InputStream body) {
        imports.upload(poolId, jobId, token, body);
        return Response.ok().build();
    }
}
