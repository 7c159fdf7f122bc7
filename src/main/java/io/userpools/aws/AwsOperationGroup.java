package io.userpools.aws;

import java.util.List;

/** A bean that contributes operations to the AWS endpoint's table ({@link AwsOperations}). */
public interface AwsOperationGroup {

    /** The operations of this group, each under its Cognito name. */
    List<AwsOperations.Op> operations();
}
