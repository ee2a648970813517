package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;

/** Groups found grantable are remembered for a while; refusals never are. */
class GrantableGroupsTests {

	static final String DEFAULT = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";
	static final String ADMINS = "adadadadadadadadadadadadadadadad";

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	Instant now = Instant.parse("2026-11-29T10:00:00Z");

	final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	};

	final GrantableGroups groups = new GrantableGroups(serviceNow, Duration.ofMinutes(10), clock);

	@Test
	void aGrantableGroupIsAskedOnceWithinTheTimeToLive() {
		when(serviceNow.findGroupByName("ServiceNow Service Accounts"))
			.thenReturn(Optional.of(new ServiceNowGroup(DEFAULT, "ServiceNow Service Accounts", true)));
		when(serviceNow.findGroupRoleNames(DEFAULT)).thenReturn(List.of("itil", "rest_api_explorer"));

		groups.require("groups", "ServiceNow Service Accounts");
		groups.require("groups", "servicenow service accounts");
		now = now.plus(Duration.ofMinutes(9));
		groups.require("groups", "ServiceNow Service Accounts");
		verify(serviceNow, times(1)).findGroupByName("ServiceNow Service Accounts");
		verify(serviceNow, times(1)).findGroupRoleNames(DEFAULT);

		now = now.plus(Duration.ofMinutes(2));
		groups.require("groups", "ServiceNow Service Accounts");
		verify(serviceNow, times(2)).findGroupRoleNames(DEFAULT);
	}

	@Test
	void aRefusedGroupIsAskedAgainEveryTime() {
		when(serviceNow.findGroupByName("Admins")).thenReturn(Optional.of(new ServiceNowGroup(ADMINS, "Admins", true)));
		when(serviceNow.findGroupRoleNames(ADMINS)).thenReturn(List.of("admin"));

		assertThatThrownBy(() -> groups.require("groups", "Admins")).hasMessageContaining("holds admin");
		assertThatThrownBy(() -> groups.require("groups", "Admins")).hasMessageContaining("holds admin");
		verify(serviceNow, times(2)).findGroupRoleNames(ADMINS);
	}

}
