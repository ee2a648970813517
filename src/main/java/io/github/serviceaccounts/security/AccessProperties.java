package io.github.serviceaccounts.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Camunda groups that the access rules name ({@code serviceaccounts.*}).
 *
 * @param requesterGroup people who may request service accounts (and so use Tasklist)
 * @param fallbackApproverGroup approvers of last resort, who may also read every request
 * in Cockpit
 */
@ConfigurationProperties("serviceaccounts")
record AccessProperties(@DefaultValue("service-account-requesters") String requesterGroup,
		@DefaultValue("service-account-admins") String fallbackApproverGroup) {
}
