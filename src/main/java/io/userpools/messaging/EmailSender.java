package io.userpools.messaging;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Sends email through Quarkus Mailer (SMTP: {@code QUARKUS_MAILER_HOST}, {@code _PORT}, {@code _FROM}). */
@Singleton
public class EmailSender {

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    /** Sends one mail (text, or HTML for a link message); the pool's sender address wins over the mailer's default. */
    public Uni<Void> send(OutboxMessage message) {
        Mail mail = message.html() ? Mail.withHtml(message.to(), message.subject(), message.body())
                : Mail.withText(message.to(), message.subject(), message.body());
        if (message.from() != null && !message.from().isBlank()) {
            mail.setFrom(message.from());
        }
        return mailer.send(mail);
    }
}
