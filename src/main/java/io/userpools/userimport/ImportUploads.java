package io.userpools.userimport;

import io.userpools.common.error.InvalidParameterException;
import io.userpools.pool.Pool;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Takes an import file as a stream: it is stored in PostgreSQL in chunks as it arrives (never
 * whole in memory) and read once on the way, which proves it is UTF-8 CSV with a header the pool
 * accepts, no field over {@link #MAX_FIELD} characters, and at most the configured number of users.
 * A refused file leaves no chunk behind. Runs on a worker thread: it blocks on the stream and on
 * the chunk inserts.
 */
@Singleton
public class ImportUploads {

    /** Longest field a file may hold (the longest attribute value is 2,048 characters). */
    static final int MAX_FIELD = 8192;
    /** Most fields a line may hold. */
    static final int MAX_FIELDS = 200;
    private static final int CHUNK = 1 << 20;
    private static final Duration WAIT = Duration.ofMinutes(1);

    /** What an upload held: its size and its number of users. */
    record Uploaded(long bytes, long rows) {
    }

    private final ImportJobRepository jobs;
    private final ImportConfig config;

    public ImportUploads(ImportJobRepository jobs, ImportConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /** A strict UTF-8 reader: a malformed byte sequence is an error, never a replacement character. */
    static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * Stores the file of a job in Created, replacing any earlier upload.
     *
     * @throws InvalidParameterException (400) for a file that is empty, not UTF-8, not CSV, has a
     *                                   header the pool refuses or too many users; (413) for a file
     *                                   over the size limit
     */
    Uploaded store(Pool pool, String jobId, InputStream body) {
        jobs.clearUpload(pool.id(), jobId).await().atMost(WAIT);
        Chunks chunks = new Chunks(pool.id(), jobId, body, config.maxUploadSize().asLongValue());
        try {
            CsvRecords records = new CsvRecords(utf8(chunks), MAX_FIELD, MAX_FIELDS);
            CsvRecords.Record header = records.next();
            if (header == null) {
                throw new InvalidParameterException("The CSV file is empty: it needs a header line");
            }
            CsvHeader.check(pool, header.fields());
            long rows = 0;
            while (records.next() != null) {
                if (++rows > config.maxRows()) {
                    throw new InvalidParameterException("The CSV file holds more than " + config.maxRows() + " users");
                }
            }
            chunks.flush();
            return new Uploaded(chunks.total, rows);
        } catch (CharacterCodingException e) {
            throw refused(pool, jobId, new InvalidParameterException("The CSV file is not UTF-8 text"));
        } catch (CsvRecords.CsvException e) {
            throw refused(pool, jobId, new InvalidParameterException("The CSV file is malformed: " + e.getMessage()));
        } catch (TooLarge e) {
            throw refused(pool, jobId, new InvalidParameterException(413, "The CSV file is larger than "
                    + config.maxUploadSize().asLongValue() + " bytes"));
        } catch (IOException e) {
            throw refused(pool, jobId, new InvalidParameterException("The upload was interrupted"));
        } catch (RuntimeException e) {
            throw refused(pool, jobId, e);
        }
    }

    private RuntimeException refused(Pool pool, String jobId, RuntimeException e) {
        jobs.clearUpload(pool.id(), jobId).await().atMost(WAIT);
        return e;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large", null);
        }
    }

    /** Passes the body through, writing it to the chunk table a MiB at a time. */
    private final class Chunks extends InputStream {
        private final String poolId;
        private final String jobId;
        private final InputStream body;
        private final long max;
        private final byte[] pending = new byte[CHUNK];
        private int filled;
        private int seq;
        private long total;

        Chunks(String poolId, String jobId, InputStream body, long max) {
            this.poolId = poolId;
            this.jobId = jobId;
            this.body = body;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = body.read(b, off, Math.min(len, CHUNK - filled));
            if (n <= 0) {
                return n;
            }
            total += n;
            if (total > max) {
                throw new TooLarge();
            }
            System.arraycopy(b, off, pending, filled, n);
            filled += n;
            if (filled == CHUNK) {
                flush();
            }
            return n;
        }

        void flush() {
            if (filled > 0) {
                jobs.insertChunk(poolId, jobId, seq++, pending, filled).await().atMost(WAIT);
                filled = 0;
            }
        }
    }
}
