package io.github.serviceaccounts.request;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product's own settings ({@code serviceaccounts.*}). Demo identities are read by
 * {@code security/} from the same prefix. {@code tasklistUrl} may be unset: the links in
 * mails then follow the address the application listens on (see
 * {@code notification/TasklistLinks}).
 */
@ConfigurationProperties("serviceaccounts")
public record ServiceAccountsProperties(@DefaultValue("svc_") String accountPrefix,
		@DefaultValue("ServiceNow Service Accounts") String defaultGroup, @DefaultValue List<String> grantableGroups,
		@DefaultValue("service-account-admins") String fallbackApproverGroup, String tasklistUrl,
		@DefaultValue Timers timers, @DefaultValue( {
				"PT10S", "PT1M", "PT5M", "PT15M", "PT1H" }) List<Duration> retryIntervals,
		@DefaultValue("PT10M") Duration groupCacheTtl){

	/** Durations of the process's timers (ISO-8601). */
	public record Timers(@DefaultValue("P3D") Duration approvalReminder,
			@DefaultValue("P7D") Duration approvalEscalation, @DefaultValue("P14D") Duration validationReminder,
			@DefaultValue("P30D") Duration validationTimeout) {
	}
}
