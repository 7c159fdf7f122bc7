package io.userpools.userimport;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** CSV user import (issue 17): limits of an upload, the batch size and the recovery of jobs. */
@ConfigMapping(prefix = "userpools.import")
public interface ImportConfig {

    /** The largest CSV file a job takes; a larger upload is refused with 413. */
    @WithDefault("100M")
    MemorySize maxUploadSize();

    /** The most users (lines after the header) a job takes. */
    @WithDefault("5000000")
    long maxRows();

    /** Users written per transaction. */
    @WithDefault("2000")
    int batchSize();

    /**
     * Batches of one job written at once, each in its own transaction (they commit in file order),
     * while the next is parsed and checked: 2 keeps a database core busy while the other checks
     * lines; 1 writes them one after the other.
     */
    @WithDefault("2")
    int concurrentBatches();

    /** How long the PreSignedUrl of CreateUserImportJob takes an upload. */
    @WithDefault("PT15M")
    Duration uploadUrlValidity();

    /**
     * A running job whose runner has not reported for this long (a replica stopped or crashed) is
     * resumed by another sweep, from the last line it committed.
     */
    @WithDefault("PT60S")
    Duration staleAfter();

    /** How often each replica looks for jobs to run or resume. */
    @WithDefault("PT10S")
    Duration sweepInterval();

    /** Jobs one replica runs at once. */
    @WithDefault("1")
    int workers();

    /**
     * The base of the PreSignedUrl (such as {@code https://userpools.example.com}); by default the
     * scheme and host of the CreateUserImportJob request.
     */
    Optional<String> uploadBaseUrl();
}
