package io.github.serviceaccounts.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import io.github.serviceaccounts.RequestDriver;
import io.github.serviceaccounts.simulator.ServiceNowSimulator;

/**
 * The ServiceNow calls one provisioned account costs, in order, as the simulator saw
 * them. The group's sys_id and roles come from the cache after the first request, so the
 * second account is the one counted.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:call-budget;DB_CLOSE_DELAY=-1",
				"servicenow-simulator.state-file=", "camunda.bpm.job-execution.wait-time-in-millis=100",
				"camunda.bpm.job-execution.max-wait=500" })
class CallBudgetTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	ServiceNowSimulator simulator;

	@Test
	void oneAccountCostsElevenCallsEachOfThemNeeded() throws Exception {
		RequestDriver people = new RequestDriver(engine);
		people.start("svc_budget_first");
		people.playUntil("the first account", Duration.ofSeconds(60), () -> people.provisioned() == 1);
		int before = tableApiCalls().size();

		people.start("svc_budget_second");
		people.playUntil("the second account", Duration.ofSeconds(60), () -> people.provisioned() == 2);

		assertThat(tableApiCalls().subList(before, tableApiCalls().size())).containsExactly(
				// Check request: the requester with the manager dot-walked, and whether
				// the name is free, in one call
				"GET sys_user user_name=alice^ORuser_name=svc_budget_second",
				// Create service account: the owner (by the engine's recorded requester)
				// and whether an earlier attempt
				// created it, in one call, then create
				"GET sys_user user_name=alice^ORuser_name=svc_budget_second", "POST sys_user",
				// Add account to groups: the account read again and checked (prefix,
				// creator, owner) before anything
				// is written to it, membership looked up before it is inserted, then the
				// roles it brought
				"GET sys_user", "GET sys_user_grmember", "POST sys_user_grmember", "GET sys_user_has_role",
				// Hand over credentials: checked again (the owner's e-mail comes with
				// it), then the password; after the
				// owner's validation, Remove GUI access likewise, read back from its
				// answer
				"GET sys_user", "PATCH sys_user", "GET sys_user", "PATCH sys_user");
		// Whether sys_user has identity_type (so that Remove GUI access also sets
		// Machine)
		// is asked once in the
		// application's life: by the first account, never again.
		assertThat(simulator.requestLog()
			.stream()
			.filter(call -> call.path().contains("/api/now/") && call.query() != null
					&& call.query().contains("sysparm_fields=sys_id,identity_type&"))
			.count()).isEqualTo(1);
	}

	List<String> tableApiCalls() {
		return simulator.requestLog().stream().filter(call -> call.path().contains("/api/now/")).map(call -> {
			String table = call.path().replaceAll(".*/table/([a-z_]+).*", "$1");
			String name = (call.method().equals("GET") && table.equals("sys_user")
					&& call.query().contains("user_name=")) ? " "
							+ URLDecoder.decode(call.query().replaceAll(".*sysparm_query=(user_name[^&]+).*", "$1"),
									StandardCharsets.UTF_8)
							: "";
			return call.method() + " " + table + name;
		}).toList();
	}

}
