package io.github.serviceaccounts.request;

import static io.github.serviceaccounts.request.ApproverRoutingTests.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;
import io.github.serviceaccounts.servicenow.ServiceNowTransientException;
import io.github.serviceaccounts.servicenow.UserAndManager;

/** "Check request" and its delegate, with ServiceNow mocked. */
class RequestCheckTests {

	static final String ALICE = ApproverRoutingTests.ALICE;
	static final String BOB = ApproverRoutingTests.BOB;
	static final String ADMIN_GROUP = "adadadadadadadadadadadadadadadad";
	static final String CMDB_GROUP = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
	static final String SERVICE_ACCOUNTS_GROUP = "sasasasasasasasasasasasasasasasa";

	final ServiceNowClient serviceNow = mock(ServiceNowClient.class);

	final OpenRequests openRequests = mock(OpenRequests.class);

	final RequestCheck check = new RequestCheck(new RequestRules(RequestRulesTests.PROPERTIES), serviceNow,
			new GrantableGroups(serviceNow), openRequests, RequestRulesTests.PROPERTIES);

	@BeforeEach
	void aliceWithManagerBob() {
		found("alice", Optional
			.of(new UserAndManager(person(ALICE, "alice", BOB, true), Optional.of(person(BOB, "bob", null, true)))),
				Optional.empty());
		when(serviceNow.findGroupByName("CMDB Read Access"))
			.thenReturn(Optional.of(new ServiceNowGroup(CMDB_GROUP, "CMDB Read Access", true)));
		when(serviceNow.findGroupRoleNames(CMDB_GROUP)).thenReturn(List.of("cmdb_read"));
		when(serviceNow.findGroupByName("ServiceNow Service Accounts"))
			.thenReturn(Optional.of(new ServiceNowGroup(SERVICE_ACCOUNTS_GROUP, "ServiceNow Service Accounts", true)));
		when(serviceNow.findGroupRoleNames(SERVICE_ACCOUNTS_GROUP)).thenReturn(List.of("itil", "rest_api_explorer"));
	}

	@Test
	void acceptedRequestNamesTheManagerAsApprover() {
		CheckedRequest checked = check.check("alice", RequestRulesTests.with("additionalGroups", "CMDB Read Access"),
				"instance-1");

		assertThat(checked.requester().sysId()).isEqualTo(ALICE);
		assertThat(checked.approver().userId()).isEqualTo("bob");
		assertThat(checked.managerEmail()).isEqualTo("bob@example.com");
		assertThat(checked.request().additionalGroups()).containsExactly("CMDB Read Access");
	}

	@Test
	void theApproverIsShownTheManagerAndEveryGroupWithItsRoles() {
		CheckedRequest checked = check.check("alice", RequestRulesTests.with("additionalGroups", "CMDB Read Access"),
				"instance-1");

		assertThat(checked.managerText()).isEqualTo("bob Example (bob)");
		assertThat(checked.groupsWithRoles())
			.isEqualTo("ServiceNow Service Accounts: itil, rest_api_explorer\nCMDB Read Access: cmdb_read");
	}

	@Test
	void aDefaultGroupThatCannotBeGrantedIsAnOperatorsProblemNotARefusal() {
		when(serviceNow.findGroupByName("ServiceNow Service Accounts")).thenReturn(Optional.empty());

		assertThatThrownBy(() -> check.check("alice", RequestRulesTests.valid(), "instance-1"))
			.isInstanceOf(GrantableGroups.GroupNotGrantableException.class)
			.isNotInstanceOf(RequestRefusedException.class)
			.hasMessage("serviceaccounts.default-group: the group 'ServiceNow Service Accounts' does not exist in"
					+ " ServiceNow");
	}

	/**
	 * What the one look-up of "Check request" finds: the requester, and whoever holds
	 * svc_jira_sync.
	 */
	private void found(String requester, Optional<UserAndManager> requesterFound, Optional<UserAndManager> nameHolder) {
		Map<String, Optional<UserAndManager>> users = new LinkedHashMap<>();
		users.put(requester, requesterFound);
		users.put("svc_jira_sync", nameHolder);
		when(serviceNow.findUsersAndManagersByUserNames(List.of(requester, "svc_jira_sync"))).thenReturn(users);
	}

	@Test
	void requesterManagerAndAccountNameComeInOneCall() {
		check.check("alice", RequestRulesTests.valid(), "instance-1");

		verify(serviceNow).findUsersAndManagersByUserNames(List.of("alice", "svc_jira_sync"));
		verify(serviceNow, never()).findUserBySysId(anyString());
		verify(serviceNow, never()).findUserByUserName(anyString());
	}

	@Test
	void aManagerTheReferenceCannotReachGoesToTheFallbackGroup() {
		found("alice", Optional.of(new UserAndManager(person(ALICE, "alice", BOB, true), Optional.empty())),
				Optional.empty());

		CheckedRequest checked = check.check("alice", RequestRulesTests.valid(), "instance-1");

		assertThat(checked.approver().userId()).isNull();
		assertThat(checked.approver().reason()).isEqualTo("the requester's manager was not found in ServiceNow");
		assertThat(checked.managerEmail()).isNull();
	}

	@Test
	void nameTakenInServiceNowIsRefused() {
		found("alice", Optional.of(new UserAndManager(person(ALICE, "alice", BOB, true), Optional.empty())),
				Optional.of(new UserAndManager(person(CMDB_GROUP, "svc_jira_sync", BOB, true), Optional.empty())));

		assertThatThrownBy(() -> check.check("alice", RequestRulesTests.valid(), "instance-1"))
			.isInstanceOf(RequestRefusedException.class)
			.hasMessage("Account user name: 'svc_jira_sync' is already taken in ServiceNow; choose another name.");
	}

	@Test
	void secondOpenRequestForTheSameNameIsRefused() {
		when(openRequests.existsOtherThan("svc_jira_sync", "instance-1")).thenReturn(true);

		assertThatThrownBy(() -> check.check("alice", RequestRulesTests.valid(), "instance-1"))
			.hasMessage("Account user name: another open request already asks for 'svc_jira_sync'.");
	}

	@Test
	void unknownOrInactiveRequesterIsRefused() {
		found("mallory", Optional.empty(), Optional.empty());
		found("dave", Optional.of(new UserAndManager(person(BOB, "dave", null, false), Optional.empty())),
				Optional.empty());

		assertThatThrownBy(() -> check.check("mallory", RequestRulesTests.valid(), "instance-1"))
			.hasMessageContaining("Requester: 'mallory' is not a ServiceNow user");
		assertThatThrownBy(() -> check.check("dave", RequestRulesTests.valid(), "instance-1"))
			.hasMessageContaining("Requester: 'dave' is inactive in ServiceNow");
		assertThatThrownBy(() -> check.check(null, RequestRulesTests.valid(), "instance-1"))
			.hasMessageContaining("Requester: the request has no authenticated requester");
	}

	@Test
	void groupHoldingAdminIsNeverGrantedEvenWhenOnTheAllowList() {
		when(serviceNow.findGroupByName("Event Management"))
			.thenReturn(Optional.of(new ServiceNowGroup(ADMIN_GROUP, "Event Management", true)));
		when(serviceNow.findGroupRoleNames(ADMIN_GROUP)).thenReturn(List.of("evt_mgmt_user", "admin"));

		assertThatThrownBy(() -> check
			.check("alice", RequestRulesTests.with("additionalGroups", "Event Management"), "instance-1")).hasMessage(
					"Additional groups: the group 'Event Management' holds admin and is never granted to a service account");
	}

	@Test
	void brokenRuleIsRefusedBeforeServiceNowIsAsked() {
		assertThatThrownBy(() -> check.check("alice", RequestRulesTests.with("accountUserName", "svc_x^NQactive=true"),
				"instance-1"))
			.isInstanceOf(RequestRefusedException.class)
			.hasMessageContaining("Account user name: may contain only lowercase letters");
		verify(serviceNow, never()).findUsersAndManagersByUserNames(any());
	}

	@Test
	void delegateTurnsARefusalIntoTheModelledErrorAndAnOutageIntoARetry() throws Exception {
		CheckRequestDelegate delegate = new CheckRequestDelegate(check);
		FakeExecution refused = new FakeExecution(RequestRulesTests.with("accountUserName", "jira")).startedBy("alice");

		assertThatThrownBy(() -> delegate.execute(refused.execution)).isInstanceOfSatisfying(BpmnError.class, error -> {
			assertThat(error.getErrorCode()).isEqualTo(RequestProcess.Errors.REQUEST_REFUSED);
			assertThat(error.getMessage()).contains("Account user name: must start with 'svc_'");
		});

		when(serviceNow.findUsersAndManagersByUserNames(List.of("alice", "svc_jira_sync")))
			.thenThrow(new ServiceNowTransientException("GET sys_user", 503, "Service Unavailable"));
		FakeExecution outage = new FakeExecution(RequestRulesTests.valid()).startedBy("alice");
		assertThatThrownBy(() -> delegate.execute(outage.execution)).isInstanceOf(ServiceNowTransientException.class);
	}

	@Test
	void delegateRecordsRequesterApproverAndScope() throws Exception {
		FakeExecution execution = new FakeExecution(RequestRulesTests.with("additionalGroups", "cmdb read access"))
			.startedBy("alice");
		// The engine recorded alice as the starter: a requester variable that says
		// otherwise changes nothing.
		execution.variables.put("requester", "mallory");
		execution.businessKey = null;

		new CheckRequestDelegate(check).execute(execution.execution);

		assertThat(execution.businessKey).isEqualTo("svc_jira_sync");
		assertThat(execution.variables).containsEntry("requesterSysId", ALICE)
			.containsEntry("requesterEmail", "alice@example.com")
			.containsEntry("managerEmail", "bob@example.com")
			.containsEntry("approverUserId", "bob")
			.containsEntry("approvalScope", "newAccount")
			.containsEntry("grantedGroups", "CMDB Read Access");
	}

}
