package io.github.serviceaccounts.servicenow;

import java.util.Optional;

/**
 * A service account as ServiceNow showed it a moment ago, checked against
 * {@link ServiceAccountPolicy} and against the owner and name the caller expected. Only
 * {@link ServiceNowClient#verifyServiceAccount} and
 * {@link ServiceNowClient#verifyGovernedAccount} make one, and every write to a user
 * takes one: no write reaches a user that was not read and checked first.
 */
public final class VerifiedServiceAccount {

	private final ServiceNowUser account;

	private final ServiceNowUser owner;

	VerifiedServiceAccount(ServiceNowUser account, ServiceNowUser owner) {
		this.account = account;
		this.owner = owner;
	}

	/** The record as read. */
	public ServiceNowUser account() {
		return account;
	}

	/**
	 * The account's {@code manager}, dot-walked in the same read: its e-mail is where
	 * credentials go. Never {@code null} from
	 * {@link ServiceNowClient#verifyServiceAccount}; {@code null} from
	 * {@link ServiceNowClient#verifyGovernedAccount} when the account was accepted
	 * without an owner (none set, or the one set is gone).
	 */
	public ServiceNowUser owner() {
		return owner;
	}

	/** {@link #owner()}, empty when the account was accepted without one. */
	public Optional<ServiceNowUser> ownerIfAny() {
		return Optional.ofNullable(owner);
	}

	public String sysId() {
		return account.sysId();
	}

	public String userName() {
		return account.userName();
	}

	@Override
	public String toString() {
		return "VerifiedServiceAccount[" + account.userName() + " (" + account.sysId() + "), owner "
				+ ((owner != null) ? owner.userName() : "none") + "]";
	}

}
