package io.userpools.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mail that the test SMTP server received, by recipient. */
public final class Mailbox {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");
    private static volatile GreenMail greenMail;

    private Mailbox() {
    }

    static void use(GreenMail server) {
        greenMail = server;
    }

    /**
     * A received mail: subject, sender, body as sent (transfer-encoded), its content type and its
     * decoded text.
     */
    public record Mail(String subject, String from, String body, String contentType, String text) {
        /** The six-digit code in the body. */
        public String code() {
            Matcher m = CODE.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no code in mail: " + body);
            }
            return m.group(1);
        }
    }

    /** Every mail received so far for this address. */
    public static List<Mail> to(String address) {
        List<Mail> result = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            try {
                for (var recipient : message.getRecipients(Message.RecipientType.TO)) {
                    if (recipient.toString().equalsIgnoreCase(address)) {
                        Object content = message.getContent();
                        result.add(new Mail(message.getSubject(), message.getFrom()[0].toString(),
                                GreenMailUtil.getBody(message).trim(), message.getContentType(),
                                content instanceof String text ? text : null));
                    }
                }
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** Waits (up to 15 s) until {@code count} mails arrived for the address and answers the last. */
    public static Mail await(String address, int count) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            List<Mail> mails = to(address);
            if (mails.size() >= count) {
                return mails.get(count - 1);
            }
            sleep(50);
        }
        throw new AssertionError("expected " + count + " mail(s) for " + address + ", got " + to(address).size());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
