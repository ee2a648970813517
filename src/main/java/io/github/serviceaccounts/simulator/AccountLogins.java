package io.github.serviceaccounts.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Basic-auth logins as the instance's own users: a sys_user's user_name and the password
 * last set on it so that it works (with {@code sysparm_input_display_value=true}). The
 * user must be active and not locked out. {@code web_service_access_only} does not stand
 * in the way (REST is exactly what it leaves open), nor does
 * {@code password_needs_reset}: a real instance asks for a new password at the next UI
 * login only.
 * <p>
 * Every successful login sets the user's {@code last_login_time}, which the product shows
 * its owner as evidence that the account was used. Only that field changes: whether an
 * instance also counts a login as an update (sys_updated_on, sys_mod_count) no source
 * settled, and nothing the product checks depends on it.
 */
final class AccountLogins {

	/** What a login is checked against, read under the store's lock. */
	private record Candidate(String sysId, String hash, boolean mayLogIn) {
	}

	private final SimulatorStore store;

	private final String integrationUserName;

	AccountLogins(SimulatorStore store, String integrationUserName) {
		this.store = store;
		this.integrationUserName = integrationUserName;
	}

	/**
	 * The account the credentials belong to; empty for an unknown user, a wrong password,
	 * an inactive or locked-out user, and the integration account (whose credentials are
	 * the simulator's own, {@link Credentials}). All of these take the same time.
	 */
	Optional<Caller> login(String userName, String password) {
		Candidate candidate = userName == null || userName.equalsIgnoreCase(integrationUserName) ? null
				: store.read(tables -> candidate(tables, userName));
		// The hash is checked outside the lock (it takes milliseconds) and before the
		// user's state, so that a refusal does not tell which user names exist.
		boolean passwordMatches = PasswordHash.matches(candidate == null ? null : candidate.hash(), password);
		if (candidate == null || !passwordMatches || !candidate.mayLogIn()) {
			return Optional.empty();
		}
		return store.write(tables -> recordLogin(tables, candidate));
	}

	private static Candidate candidate(Tables tables, String userName) {
		List<Map<String, String>> users = tables.where(TableSchema.SYS_USER, "user_name", userName);
		if (users.size() != 1) {
			return null;
		}
		Map<String, String> user = users.get(0);
		String sysId = user.get("sys_id");
		return new Candidate(sysId, tables.passwordHashes().get(sysId), mayLogIn(user));
	}

	/**
	 * Sets last_login_time, unless the user changed since the password was checked (a new
	 * password, deactivated, locked out).
	 */
	private Optional<Caller> recordLogin(Tables tables, Candidate checked) {
		Optional<Map<String, String>> user = tables.get(TableSchema.SYS_USER, checked.sysId());
		if (user.isEmpty() || !mayLogIn(user.get())
				|| !checked.hash().equals(tables.passwordHashes().get(checked.sysId()))) {
			return Optional.empty();
		}
		Map<String, String> updated = new LinkedHashMap<>(user.get());
		updated.put("last_login_time", store.now());
		tables.put(TableSchema.SYS_USER, updated);
		return Optional.of(Caller.account(updated.get("user_name")));
	}

	private static boolean mayLogIn(Map<String, String> user) {
		return "true".equals(user.get("active")) && !"true".equals(user.get("locked_out"));
	}

}
