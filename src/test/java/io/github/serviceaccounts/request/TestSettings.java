package io.github.serviceaccounts.request;

import java.time.Duration;
import java.util.List;

/**
 * The product's settings as the unit tests use them: the defaults, with two grantable
 * groups.
 */
public final class TestSettings {

	public static final String TASKLIST_URL = "http://localhost:8080/camunda/app/tasklist/";

	public static final ServiceAccountsProperties PROPERTIES = new ServiceAccountsProperties("svc_",
			"ServiceNow Service Accounts", List.of("CMDB Read Access", "Event Management"), "service-account-admins",
			TASKLIST_URL, new ServiceAccountsProperties.Timers(Duration.ofDays(3), Duration.ofDays(7),
					Duration.ofDays(14), Duration.ofDays(30)),
			List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)), Duration.ZERO);

	private TestSettings() {
	}

}
