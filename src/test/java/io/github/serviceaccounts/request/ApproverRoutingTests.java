package io.github.serviceaccounts.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.servicenow.ServiceNowUser;

class ApproverRoutingTests {

	static final String ALICE = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
	static final String BOB = "b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0";

	final ApproverRouting routing = new ApproverRouting("service-account-admins");

	static ServiceNowUser person(String sysId, String userName, String managerSysId, boolean active) {
		return new ServiceNowUser(sysId, userName, userName, "Example", userName + "@example.com", managerSysId, active,
				false, false, false, null, null, null);
	}

	@Test
	void activeManagerApproves() {
		Approver approver = routing.route(person(ALICE, "alice", BOB, true),
				Optional.of(person(BOB, "bob", null, true)));

		assertThat(approver.userId()).isEqualTo("bob");
		assertThat(approver.group()).isNull();
		assertThat(approver.email()).isEqualTo("bob@example.com");
	}

	@Test
	void missingManagerGoesToTheFallbackGroup() {
		Approver approver = routing.route(person(ALICE, "alice", null, true), Optional.empty());

		assertThat(approver.userId()).isNull();
		assertThat(approver.group()).isEqualTo("service-account-admins");
		assertThat(approver.reason()).contains("no manager");
	}

	@Test
	void managerNotFoundGoesToTheFallbackGroup() {
		assertThat(routing.route(person(ALICE, "alice", BOB, true), Optional.empty()).group())
			.isEqualTo("service-account-admins");
	}

	@Test
	void inactiveManagerGoesToTheFallbackGroup() {
		Approver approver = routing.route(person(ALICE, "alice", BOB, true),
				Optional.of(person(BOB, "bob", null, false)));

		assertThat(approver.group()).isEqualTo("service-account-admins");
		assertThat(approver.reason()).contains("inactive");
	}

	@Test
	void requesterWhoIsTheirOwnManagerNeverApproves() {
		Approver bySysId = routing.route(person(ALICE, "alice", ALICE, true),
				Optional.of(person(ALICE, "alice", ALICE, true)));
		Approver byName = routing.route(person(ALICE, "alice", BOB, true),
				Optional.of(person(BOB, "ALICE", null, true)));

		assertThat(bySysId.userId()).isNull();
		assertThat(bySysId.group()).isEqualTo("service-account-admins");
		assertThat(byName.userId()).isNull();
	}

}
