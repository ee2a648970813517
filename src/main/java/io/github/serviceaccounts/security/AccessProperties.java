package io.github.serviceaccounts.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Camunda groups that the access rules name ({@code serviceaccounts.*}).
 *
 * @param requesterGroup people who may request service accounts (and so use Tasklist)
 * @param fallbackApproverGroup approvers of last resort, who may also read every request
 * in Cockpit
 * @param metricsGroup who may read the actuator's metrics ({@code /actuator/prometheus})
 * and its other endpoints but health when they are not open, with HTTP basic credentials;
 * the {@code prod} profile also shows health details to this group only
 * @param metricsOpen whether the actuator's endpoints answer without credentials (the
 * local default; never in {@code prod})
 */
@ConfigurationProperties("serviceaccounts")
record AccessProperties(@DefaultValue("service-account-requesters") String requesterGroup,
		@DefaultValue("service-account-admins") String fallbackApproverGroup,
		@DefaultValue("camunda-admin") String metricsGroup, @DefaultValue("false") boolean metricsOpen) {
}
