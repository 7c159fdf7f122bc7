package io.userpools.messaging;

import io.userpools.common.error.CognitoException;
import io.userpools.common.error.InvalidEmailRoleAccessPolicyException;
import io.userpools.common.error.InvalidSmsRoleAccessPolicyException;
import io.userpools.verification.CodeDeliveryDetails.DeliveryMedium;
import jakarta.inject.Singleton;
import java.util.Collection;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Which channels this deployment can send on. Email needs SMTP: {@code quarkus.mailer.host} set
 * explicitly (not the built-in default) or the mailer's mock mode (dev). SMS needs
 * {@code userpools.sms.gateway-url}. A message on a missing channel is refused before anything
 * changes ([2.1] "Messaging failures"), with the exception of the channel's role-policy error:
 * the deployment, not the caller's input, is at fault.
 */
@Singleton
public class Channels {

    static final String NO_EMAIL = "User pool does not have email configuration to send messages.";
    static final String NO_SMS = "User pool does not have SMS configuration to send messages.";

    private final boolean email;
    private final boolean sms;

    public Channels(Config config, SmsConfig smsConfig) {
        boolean mock = config.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false);
        ConfigValue host = config.getConfigValue("quarkus.mailer.host");
        boolean explicitHost = host.getValue() != null && !host.getValue().isBlank() && host.getSourceOrdinal() > 0;
        this.email = mock || explicitHost;
        this.sms = smsConfig.gatewayUrl().filter(url -> !url.isBlank()).isPresent();
    }

    public boolean available(DeliveryMedium medium) {
        return medium == DeliveryMedium.EMAIL ? email : sms;
    }

    /**
     * Checks that every medium can be sent.
     *
     * @throws InvalidEmailRoleAccessPolicyException when email is needed and SMTP is not configured
     * @throws InvalidSmsRoleAccessPolicyException   when SMS is needed and no gateway is configured
     */
    public void require(Collection<DeliveryMedium> media) {
        for (DeliveryMedium medium : media) {
            CognitoException missing = missing(medium);
            if (missing != null) {
                throw missing;
            }
        }
    }

    private CognitoException missing(DeliveryMedium medium) {
        if (available(medium)) {
            return null;
        }
        return medium == DeliveryMedium.EMAIL ? new InvalidEmailRoleAccessPolicyException(NO_EMAIL)
                : new InvalidSmsRoleAccessPolicyException(NO_SMS);
    }
}
