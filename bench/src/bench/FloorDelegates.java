package bench;

import static io.github.serviceaccounts.request.RequestVariables.*;

import java.util.UUID;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.serviceaccounts.servicenow.ServiceNowClient;

/**
 * The floor: the same BPMN, listeners, job executor, database and history as the product, but the
 * delegates of the happy path do no ServiceNow call and send no mail. Registered under the product's
 * bean names (with bean-definition overriding on), so {@code #{checkRequestDelegate}} and the others
 * resolve to these. Each writes the same variables as the real delegate, so the engine does the same
 * variable and history work and the gateways see what they expect.
 */
@Configuration(proxyBeanMethods = false)
class FloorDelegates {

	/**
	 * {@code FLOOR_READS=true}: each delegate makes as many ServiceNow calls as the product's step does, all of them
	 * the same read of one user, so that the floor pays the round trips (client, simulator, loopback) and the product's
	 * ratio to it shows what the product does beyond them. A diagnostic, not the floor the targets are set against.
	 */
	static final boolean READS = Boolean.getBoolean("bench.floorReads");

	private final ObjectProvider<ServiceNowClient> serviceNow;

	FloorDelegates(ObjectProvider<ServiceNowClient> serviceNow) {
		this.serviceNow = serviceNow;
	}

	private void reads(int calls) {
		if (READS) {
			ServiceNowClient client = serviceNow.getObject();
			for (int i = 0; i < calls; i++) {
				client.findUserByUserName("alice");
			}
		}
	}

	@Bean
	JavaDelegate checkRequestDelegate() {
		return execution -> {
			reads(1);
			REQUESTER_SYS_ID.set(execution, "62826bf03710200044e0bfc8bcbe5df1");
			REQUESTER_NAME.set(execution, "Alice Example");
			REQUESTER_EMAIL.set(execution, "alice@example.com");
			MANAGER_EMAIL.set(execution, "bob@example.com");
			APPROVER_USER_ID.set(execution, "bob");
			APPROVER_GROUP.set(execution, null);
			APPROVER_ROUTING.set(execution, "the requester's manager");
			APPROVAL_SCOPE.set(execution, SCOPE_NEW_ACCOUNT);
			GRANTED_GROUPS.set(execution, "");
			REFUSAL_REASON.set(execution, null);
		};
	}

	@Bean
	JavaDelegate createServiceAccountDelegate() {
		return execution -> {
			reads(2);
			ACCOUNT_SYS_ID.set(execution, UUID.randomUUID().toString().replace("-", ""));
		};
	}

	@Bean
	JavaDelegate addAccountToGroupsDelegate() {
		return execution -> {
			reads(4);
			GRANTED_GROUPS.set(execution, "");
			ACCOUNT_ROLES.set(execution, "itil, rest_api_explorer");
			ACCOUNT_LAST_LOGIN_TIME.set(execution, "");
		};
	}

	@Bean
	JavaDelegate handOverCredentialsDelegate() {
		return execution -> reads(2);
	}

	@Bean
	JavaDelegate removeGuiAccessDelegate() {
		return execution -> reads(2);
	}

	@Bean
	JavaDelegate notifyAccountLiveDelegate() {
		return execution -> {
		};
	}
}
