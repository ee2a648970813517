package io.github.serviceaccounts.security;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The same attacks against the {@code prod} profile (secure cookies, no demo users, no
 * simulator), with people created as an administrator would. No ServiceNow answers here,
 * so no request gets past "Check request": the scenarios that need an open approval are
 * skipped, and run in {@link AttackTests} and {@link EngineAloneAttackTests}.
 */
@DirtiesContext
@ActiveProfiles("prod")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:prod-attacks;DB_CLOSE_DELAY=-1",
				"spring.datasource.driver-class-name=org.h2.Driver", "spring.datasource.username=sa",
				"spring.datasource.password=", "camunda.bpm.database.type=h2",
				"servicenow.base-url=https://servicenow.invalid", "servicenow.username=svc_camunda_integration",
				"servicenow.password=Integration-2026-secret", "spring.mail.host=localhost",
				"serviceaccounts.identity.mode=camunda", "camunda.bpm.admin-user.id=admin",
				"camunda.bpm.admin-user.password=" + ProdAttackTests.PASSWORD, "servicenow.connect-timeout=1s",
				"camunda.bpm.job-execution.enabled=false",
				"serviceaccounts.tasklist-url=https://camunda.example.com/camunda/app/tasklist/" })
class ProdAttackTests extends AttackScenarios {

	static final String PASSWORD = "Attack-2026-password";

	@Override
	String password() {
		return PASSWORD;
	}

	@BeforeEach
	void people() {
		for (String group : List.of("service-account-requesters", "service-account-admins")) {
			if (identityService.createGroupQuery().groupId(group).count() == 0) {
				Group created = identityService.newGroup(group);
				created.setName(group);
				identityService.saveGroup(created);
			}
		}
		Map<String, List<String>> people = Map.of("alice", List.of("service-account-requesters"), "bob",
				List.of("service-account-requesters"), "carol",
				List.of("service-account-requesters", "service-account-admins"));
		people.forEach((id, groups) -> {
			if (identityService.createUserQuery().userId(id).count() == 0) {
				User user = identityService.newUser(id);
				user.setPassword(PASSWORD);
				identityService.saveUser(user);
				groups.forEach(group -> identityService.createMembership(id, group));
			}
		});
	}

	@Override
	Task approvalOfAliceFor(String account) {
		Assumptions.abort("no ServiceNow answers in this set-up, so no request reaches its approval");
		return null;
	}

}
