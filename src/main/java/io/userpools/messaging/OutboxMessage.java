package io.userpools.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message waiting in the outbox (encrypted at rest).
 *
 * @param to      email address or phone number
 * @param from    sender address for email (null: the mailer's default); null for SMS
 * @param subject email subject; null for SMS
 * @param body    the text, code included
 * @param html    the body is HTML (a confirmation link message); false in rows written before it existed
 */
@RegisterForReflection
public record OutboxMessage(String to, String from, String subject, String body, boolean html) {

    /** A text message. */
    public OutboxMessage(String to, String from, String subject, String body) {
        this(to, from, subject, body, false);
    }
}
