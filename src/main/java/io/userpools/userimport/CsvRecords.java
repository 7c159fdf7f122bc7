package io.userpools.userimport;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming reader of RFC 4180 records (comma-separated, {@code "}-quoted, {@code ""} for a quote,
 * CRLF or LF line ends, an optional byte order mark) that holds one record at a time and never
 * more than {@code maxFieldLength} characters of a field or {@code maxFields} fields of a record, so
 * that a hostile file (an unterminated quote, a field of megabytes) costs bounded memory. Each
 * record carries the physical line it starts on, which is what the job's failures name. Written
 * here rather than taken from a CSV library because the bound must hold before a field is
 * buffered and the start line must survive quoted line breaks; both are a few lines on top of the
 * state machine.
 */
public final class CsvRecords {

    /** One record: the line it starts on (the header is line 1) and its fields. */
    public record Record(long line, List<String> fields) {
    }

    /** A file that is no CSV at a given line: the job (or upload) fails with this message. */
    public static final class CsvException extends Exception {
        private final long line;

        CsvException(long line, String message) {
            super("line " + line + ": " + message, null, false, false);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private static final int EOF = -1;

    private final Reader in;
    private final int maxFieldLength;
    private final int maxFields;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long line = 1;
    private boolean started;

    public CsvRecords(Reader in, int maxFieldLength, int maxFields) {
        this.in = in;
        this.maxFieldLength = maxFieldLength;
        this.maxFields = maxFields;
    }

    /** The next record, or null at the end of the file (a final empty line is no record). */
    public Record next() throws IOException, CsvException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == EOF) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"') {
                if (!field.isEmpty()) {
                    throw new CsvException(line, "a quote inside an unquoted field");
                }
                c = quoted(field, start);
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
                    if (c == '"') {
                        throw new CsvException(line, "a quote inside an unquoted field");
                    }
                    append(field, c);
                    c = read();
                }
            }
            if (fields.size() == maxFields) {
                throw new CsvException(start, "more than " + maxFields + " fields");
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                if (peek() == '\n') {
                    read();
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return new Record(start, fields);
        }
    }

    /** Reads a quoted field after its opening quote; answers the character after the closing one. */
    private int quoted(StringBuilder field, long start) throws IOException, CsvException {
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new CsvException(start, "a quoted field is not closed");
            }
            if (c == '"') {
                int after = read();
                if (after == '"') {
                    append(field, '"');
                    continue;
                }
                if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
                    throw new CsvException(line, "a character after a closing quote");
                }
                return after;
            }
            if (c == '\n' || (c == '\r' && peek() != '\n')) {
                line++;
            }
            append(field, c);
        }
    }

    private void append(StringBuilder field, int c) throws CsvException {
        if (field.length() == maxFieldLength) {
            throw new CsvException(line, "a field is longer than " + maxFieldLength + " characters");
        }
        field.append((char) c);
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
