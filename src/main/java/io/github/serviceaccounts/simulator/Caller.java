package io.github.serviceaccounts.simulator;

/**
 * Who a Table API call acts as: the integration account (basic auth with the simulator's
 * credentials, or an OAuth token), which may do everything the product does, or one of
 * the instance's own accounts, which may only read.
 *
 * @param userName recorded as sys_created_by / sys_updated_by of what the call writes
 */
record Caller(String userName, boolean integration) {

	static Caller integration(String userName) {
		return new Caller(userName, true);
	}

	static Caller account(String userName) {
		return new Caller(userName, false);
	}

	boolean mayWrite() {
		return integration;
	}

}
