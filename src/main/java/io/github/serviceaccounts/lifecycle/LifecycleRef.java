package io.github.serviceaccounts.lifecycle;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Which account a lifecycle step may change, and whose it is: the sys_id, user name and
 * owner the lifecycle holds. Only the steps write these (the engine refuses them from
 * outside), and every write reads the account again in ServiceNow and checks all three
 * first ({@link GovernedAccounts#verify}).
 *
 * @param owner the owner's Camunda user id (= ServiceNow user_name)
 */
record LifecycleRef(String sysId, String userName, String owner) {

	static LifecycleRef of(VariableScope execution) {
		return new LifecycleRef(LifecycleVariables.ACCOUNT_SYS_ID.get(execution),
				LifecycleVariables.ACCOUNT_USER_NAME.get(execution), LifecycleVariables.OWNER.get(execution));
	}

}
