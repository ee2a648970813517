package io.github.serviceaccounts.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.request.GrantableGroups.GrantableGroup;
import io.github.serviceaccounts.request.RequestVariables;
import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.GroupMembership;
import io.github.serviceaccounts.servicenow.NewServiceNowUser;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowRefusedException;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;
import io.github.serviceaccounts.servicenow.UserRole;
import io.github.serviceaccounts.servicenow.UserRoles;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

/**
 * The changes a service account goes through in ServiceNow. Every method looks before it
 * writes, so running it again after a lost answer, a crash or a time-out changes nothing
 * twice.
 */
@Component
class ServiceAccounts {

	private static final Logger log = LoggerFactory.getLogger(ServiceAccounts.class);

	private final ServiceNowClient serviceNow;

	private final GrantableGroups grantableGroups;

	ServiceAccounts(ServiceNowClient serviceNow, GrantableGroups grantableGroups) {
		this.serviceNow = serviceNow;
		this.grantableGroups = grantableGroups;
	}

	/**
	 * Creates the account owned by the requester, or finds the one an earlier attempt
	 * created. The owner's sys_id is read from ServiceNow in the same call that looks for
	 * the account, by the requester's user name.
	 * @throws AccountNameTakenException when the name belongs to another account
	 */
	ServiceNowUser create(String userName, String displayName, String email, String requesterUserName) {
		String name = QueryValues.userName(RequestVariables.ACCOUNT_USER_NAME.name(), userName);
		String requester = QueryValues.userName(RequestVariables.REQUESTER.name(),
				UserIdMapping.serviceNowUserName(requesterUserName));
		Map<String, Optional<UserAndManager>> found = serviceNow
			.findUsersAndManagersByUserNames(List.of(requester, name));
		ServiceNowUser owner = found.get(requester)
			.map(UserAndManager::user)
			.filter(ServiceNowUser::active)
			.orElseThrow(() -> new IllegalStateException("The requester " + requester
					+ " is not an active ServiceNow user any more, so cannot own " + name + "; nothing was created"));
		Optional<UserAndManager> existing = found.get(name);
		if (existing.isPresent()) {
			return ours(existing.get().user(), owner.sysId());
		}
		try {
			return serviceNow.createUser(new NewServiceNowUser(name, displayName, "", email, owner.sysId()));
		}
		catch (ServiceNowRefusedException ex) {
			// A duplicate name is refused with 403; somebody took it since "Check
			// request".
			return serviceNow.findUserByUserName(name).map(user -> ours(user, owner.sysId())).orElseThrow(() -> ex);
		}
	}

	private static ServiceNowUser ours(ServiceNowUser account, String ownerSysId) {
		if (!ownerSysId.equals(account.managerSysId())) {
			throw new AccountNameTakenException("Account user name: '" + account.userName()
					+ "' was taken in ServiceNow by another account after the request was checked; choose another name.");
		}
		log.info("account already exists with this owner (an earlier attempt created it); carrying on");
		return account;
	}

	/**
	 * Makes the account a member of each group (once) and confirms that the groups' roles
	 * now show on the account. Returns the roles it holds and its last login, read in the
	 * same call.
	 */
	Evidence addToGroups(AccountRef ref, List<String> groupNames) {
		VerifiedServiceAccount account = verify(ref);
		String sysId = account.sysId();
		Set<String> expectedRoles = new TreeSet<>();
		for (String groupName : groupNames) {
			GrantableGroup grantable = grantableGroups.require("groups", groupName);
			expectedRoles.addAll(grantable.roles());
			if (serviceNow.findMembership(sysId, grantable.group().sysId()).isEmpty()) {
				GroupMembership added = serviceNow.addMembership(account, grantable.group().sysId());
				log.info("added to group '{}' (membership {})", groupName, added.sysId());
			}
		}
		UserRoles found = serviceNow.findUserRoles(sysId);
		Set<String> held = roleNames(found);
		List<String> missing = new ArrayList<>(expectedRoles);
		missing.removeAll(held);
		if (!missing.isEmpty()) {
			// ServiceNow grants inherited roles as the membership is inserted; if they
			// are not visible
			// yet, a retry will look again. An account deleted meanwhile holds nothing at
			// all.
			throw new IllegalStateException("The service account " + account.userName() + " (" + sysId
					+ ") is in the groups but does not hold " + String.join(", ", missing)
					+ (held.isEmpty() ? " (it holds no role at all; was it deleted in ServiceNow?)" : " yet"));
		}
		return new Evidence(List.copyOf(held), found.lastLoginTime());
	}

	/**
	 * What the owner sees on the validation task, read again: the roles the account holds
	 * and its last login. The account is checked first (it must be this request's), so a
	 * read never shows another account's evidence.
	 */
	Evidence evidence(AccountRef ref) {
		VerifiedServiceAccount account = verify(ref);
		UserRoles found = serviceNow.findUserRoles(account.sysId());
		Set<String> held = roleNames(found);
		String lastLogin = account.account().lastLoginTime() != null ? account.account().lastLoginTime()
				: found.lastLoginTime();
		return new Evidence(List.copyOf(held), lastLogin);
	}

	/**
	 * Sets "Web service access only" and, where the instance knows identity types, makes
	 * the account a machine identity, then reads both back: the PATCH answers with the
	 * record as ServiceNow stored it, so the answer itself is the read-back, without a
	 * second call. The identity type is set here rather than at creation because choosing
	 * Machine switches on web service access only, which would have kept the owner out of
	 * the REST API Explorer while validating.
	 */
	void removeGuiAccess(AccountRef ref) {
		VerifiedServiceAccount verified = verify(ref);
		Map<String, String> changes = new LinkedHashMap<>();
		changes.put("web_service_access_only", "true");
		boolean machine = serviceNow.hasIdentityType();
		if (machine) {
			changes.put("identity_type", "machine");
		}
		ServiceNowUser account = serviceNow.updateUser(verified, changes);
		if (!account.webServiceAccessOnly()) {
			throw new IllegalStateException("ServiceNow accepted 'web service access only' for " + account.userName()
					+ " but reads it back as false; is the Non-Interactive Sessions plugin active?");
		}
		if (machine && !"machine".equalsIgnoreCase(account.identityType())) {
			throw new IllegalStateException("ServiceNow accepted identity_type 'machine' for " + account.userName()
					+ " but reads it back as '" + Objects.toString(account.identityType(), "")
					+ "'; check the choices of sys_user.identity_type and the business rules on it");
		}
	}

	/** Deactivates and locks the account; harmless to repeat. */
	void deactivate(AccountRef ref) {
		serviceNow.updateUser(verify(ref), Map.of("active", "false", "locked_out", "true"));
	}

	/**
	 * Reads the account again and checks it is the service account this request created
	 * (see {@link AccountRef}).
	 */
	VerifiedServiceAccount verify(AccountRef ref) {
		return serviceNow.verifyServiceAccount(ref.sysId(), ref.userName(),
				UserIdMapping.serviceNowUserName(ref.owner()));
	}

	private static Set<String> roleNames(UserRoles found) {
		Set<String> names = new TreeSet<>();
		for (UserRole role : found.roles()) {
			names.add(role.roleName());
		}
		return names;
	}

	record Evidence(List<String> roles, String lastLoginTime) {
	}

}
