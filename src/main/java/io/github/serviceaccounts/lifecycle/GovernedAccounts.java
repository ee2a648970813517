package io.github.serviceaccounts.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.GrantableGroups;
import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.request.UserIdMapping;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;
import io.github.serviceaccounts.servicenow.UserGroupMembership;
import io.github.serviceaccounts.servicenow.UserRole;
import io.github.serviceaccounts.servicenow.UserRoles;
import io.github.serviceaccounts.servicenow.VerifiedServiceAccount;

/**
 * What a governed account's life changes in ServiceNow, and what it reads there. Every
 * write reads the account first and checks that it is the lifecycle's account, owned by
 * whom the lifecycle says, and a service account (see
 * {@link ServiceNowClient#verifyGovernedAccount}); every write is read back. Each method
 * can run again after a lost answer, a crash or a time-out without changing anything
 * twice.
 */
@Component
class GovernedAccounts {

	private static final Logger log = LoggerFactory.getLogger(GovernedAccounts.class);

	static final Set<String> PRIVILEGED_ROLES = Set.of("admin", "security_admin");

	private static final DateTimeFormatter SERVICENOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ServiceNowClient serviceNow;

	private final GrantableGroups groups;

	private final String defaultGroup;

	private final String accountPrefix;

	private final Duration dormantAfter;

	private final Clock clock;

	@Autowired
	GovernedAccounts(ServiceNowClient serviceNow, GrantableGroups groups, ServiceAccountsProperties properties,
			LifecycleProperties lifecycle) {
		this(serviceNow, groups, properties, lifecycle, Clock.systemUTC());
	}

	GovernedAccounts(ServiceNowClient serviceNow, GrantableGroups groups, ServiceAccountsProperties properties,
			LifecycleProperties lifecycle, Clock clock) {
		this.serviceNow = serviceNow;
		this.groups = groups;
		this.defaultGroup = properties.defaultGroup();
		this.accountPrefix = properties.accountPrefix().toLowerCase(Locale.ROOT);
		this.dormantAfter = lifecycle.dormantAfter();
		this.clock = clock;
	}

	/**
	 * Reads the account again and checks that it is the lifecycle's, owned by one of
	 * {@code owners} (or by nobody, where {@code noOwner} allows it: a hand-over whose
	 * leaver's record is gone).
	 */
	VerifiedServiceAccount verify(LifecycleRef ref, Collection<String> owners, boolean noOwner) {
		List<String> names = owners.stream().map(UserIdMapping::serviceNowUserName).toList();
		return serviceNow.verifyGovernedAccount(ref.sysId(), ref.userName(), names, noOwner, defaultGroupSysId());
	}

	VerifiedServiceAccount verify(LifecycleRef ref) {
		return verify(ref, List.of(ref.owner()), false);
	}

	String defaultGroupSysId() {
		return groups.require("defaultGroup", defaultGroup).group().sysId();
	}

	// --- review ---

	/** What the owner sees on the review, read when the review begins. */
	record Evidence(String lastLoginTime, List<String> roles, List<String> groups, List<String> removableGroups,
			String access, List<String> findings, Optional<ServiceNowUser> owner, Optional<ServiceNowUser> manager) {
	}

	Evidence reviewEvidence(LifecycleRef ref) {
		VerifiedServiceAccount verified = verify(ref);
		ServiceNowUser account = verified.account();
		List<UserGroupMembership> memberships = serviceNow.findMemberships(account.sysId());
		UserRoles held = serviceNow.findUserRoles(account.sysId());
		Optional<UserAndManager> owner = serviceNow
			.findUserAndManagerByUserName(UserIdMapping.serviceNowUserName(ref.owner()));
		Set<String> roles = new TreeSet<>();
		for (UserRole role : held.roles()) {
			roles.add(role.roleName());
		}
		List<String> groupNames = memberships.stream().map(UserGroupMembership::groupName).distinct().sorted().toList();
		List<String> removable = groupNames.stream().filter(name -> !name.equalsIgnoreCase(defaultGroup)).toList();
		String lastLogin = account.lastLoginTime() != null ? account.lastLoginTime() : held.lastLoginTime();
		List<String> findings = new ArrayList<>();
		if (!account.webServiceAccessOnly()) {
			findings.add("GUI access is still possible (web service access only is off)");
		}
		List<String> privileged = roles.stream()
			.filter(role -> PRIVILEGED_ROLES.contains(role.toLowerCase(Locale.ROOT)))
			.toList();
		if (!privileged.isEmpty()) {
			findings.add("holds " + String.join(", ", privileged));
		}
		unusedSince(lastLogin, account.createdOn()).ifPresent(findings::add);
		if (!account.active()) {
			findings.add("inactive in ServiceNow");
		}
		if (account.lockedOut()) {
			findings.add("locked out");
		}
		if (account.identityType() != null && !"machine".equalsIgnoreCase(account.identityType())) {
			findings.add("identity type is " + account.identityType() + ", not machine");
		}
		String access = "web service access only: " + (account.webServiceAccessOnly() ? "yes" : "no")
				+ "; identity type: "
				+ (account.identityType() == null ? "not on this instance" : account.identityType()) + "; active: "
				+ (account.active() ? "yes" : "no") + "; locked out: " + (account.lockedOut() ? "yes" : "no");
		return new Evidence(lastLogin, List.copyOf(roles), groupNames, removable, access, findings,
				owner.map(UserAndManager::user), owner.flatMap(UserAndManager::manager));
	}

	/** "unused since ..." when the last use is older than the dormancy limit. */
	Optional<String> unusedSince(String lastLoginTime, String createdOn) {
		LocalDateTime limit = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minus(dormantAfter);
		Optional<LocalDateTime> lastLogin = parse(lastLoginTime);
		if (lastLogin.isPresent()) {
			return lastLogin.get().isBefore(limit) ? Optional.of("unused since " + lastLoginTime
					+ " UTC (no login for more than " + dormantAfter.toDays() + " days)") : Optional.empty();
		}
		Optional<LocalDateTime> created = parse(createdOn);
		if (created.isEmpty() || created.get().isBefore(limit)) {
			return Optional
				.of("never used" + created.map(time -> " since it was created on " + createdOn + " UTC").orElse(""));
		}
		return Optional.empty();
	}

	private static Optional<LocalDateTime> parse(String time) {
		if (time == null || time.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDateTime.parse(time.strip(), SERVICENOW_TIME));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Removes the account from the named groups (never from the default group); a group
	 * it has left already is skipped. Reads the memberships back.
	 * @return the groups removed now
	 */
	List<String> removeGroups(LifecycleRef ref, List<String> groupNames) {
		VerifiedServiceAccount account = verify(ref);
		List<String> removed = new ArrayList<>();
		for (UserGroupMembership membership : serviceNow.findMemberships(account.sysId())) {
			if (contains(groupNames, membership.groupName())
					&& !membership.groupName().equalsIgnoreCase(defaultGroup)) {
				serviceNow.removeMembership(account, membership);
				removed.add(membership.groupName());
			}
		}
		List<String> left = serviceNow.findMemberships(account.sysId())
			.stream()
			.map(UserGroupMembership::groupName)
			.filter(name -> contains(groupNames, name))
			.toList();
		if (!left.isEmpty()) {
			throw new IllegalStateException("The service account " + account.userName() + " is still in "
					+ String.join(", ", left) + " after the membership was deleted; ServiceNow refused or undid it");
		}
		log.info("groups removed: {} (already gone: {})", removed, groupNames.size() - removed.size());
		return removed;
	}

	private static boolean contains(List<String> names, String name) {
		return names.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(name));
	}

	// --- locks and retirement ---

	/** Locks the account (locked_out=true) and reads it back. */
	void lock(LifecycleRef ref, Collection<String> owners, boolean noOwner) {
		write(verify(ref, owners, noOwner), Map.of("locked_out", "true"));
	}

	/** Unlocks the account (locked_out=false) and reads it back. */
	void unlock(LifecycleRef ref) {
		write(verify(ref), Map.of("locked_out", "false"));
	}

	/**
	 * The end: active=false (and locked), every group but the default one removed, all
	 * read back. The account itself stays: the audit needs it.
	 */
	void retire(LifecycleRef ref) {
		VerifiedServiceAccount account = verify(ref);
		for (UserGroupMembership membership : serviceNow.findMemberships(account.sysId())) {
			if (!membership.groupName().equalsIgnoreCase(defaultGroup)) {
				serviceNow.removeMembership(account, membership);
			}
		}
		write(account, Map.of("active", "false", "locked_out", "true"));
		List<String> left = serviceNow.findMemberships(account.sysId())
			.stream()
			.map(UserGroupMembership::groupName)
			.filter(name -> !name.equalsIgnoreCase(defaultGroup))
			.toList();
		if (!left.isEmpty()) {
			throw new IllegalStateException("The retired service account " + account.userName() + " is still in "
					+ String.join(", ", left) + " after the memberships were deleted");
		}
	}

	private ServiceNowUser write(VerifiedServiceAccount account, Map<String, String> fields) {
		ServiceNowUser stored = serviceNow.updateUser(account, fields);
		List<String> wrong = new ArrayList<>();
		fields.forEach((field, value) -> {
			String actual = switch (field) {
				case "locked_out" -> String.valueOf(stored.lockedOut());
				case "active" -> String.valueOf(stored.active());
				case "manager" -> String.valueOf(stored.managerSysId());
				default -> throw new IllegalArgumentException(field);
			};
			if (!value.equals(actual)) {
				wrong.add(field + " reads back as " + actual + ", not " + value);
			}
		});
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("ServiceNow accepted the change to " + account.userName() + " but "
					+ String.join("; ", wrong) + "; a business rule on sys_user may undo it");
		}
		return stored;
	}

	// --- hand-over ---

	/**
	 * Whether the owner is gone, as ServiceNow has it now, and who names the new owner.
	 *
	 * @param ownerGone the owner is inactive or gone, or the account's manager is someone
	 * else (changed outside this product)
	 * @param namer the leaver's manager, when an active person; empty: the fallback group
	 * @param note what was found that a person should know, or null
	 */
	record Succession(boolean ownerGone, Optional<ServiceNowUser> owner, Optional<ServiceNowUser> namer, String note) {
	}

	Succession succession(LifecycleRef ref) {
		String sysId = QueryValues.sysId("accountSysId", ref.sysId());
		UserAndManager account = serviceNow.findUserAndManagerBySysId(sysId)
			.orElseThrow(() -> new IllegalStateException("The governed service account " + ref.userName() + " (" + sysId
					+ ") is not in ServiceNow any more (deleted, or hidden from the integration user)"));
		if (!account.user().userName().equalsIgnoreCase(ref.userName())) {
			throw new IllegalStateException("The governed service account " + ref.userName() + " (" + sysId
					+ ") is called " + account.user().userName() + " in ServiceNow now; renamed outside this product");
		}
		Optional<UserAndManager> owner = serviceNow
			.findUserAndManagerByUserName(UserIdMapping.serviceNowUserName(ref.owner()));
		boolean ownerActive = owner.map(found -> found.user().active()).orElse(false);
		Optional<ServiceNowUser> manager = account.manager();
		boolean managerIsOwner = manager.isPresent()
				&& manager.get().userName().equalsIgnoreCase(UserIdMapping.serviceNowUserName(ref.owner()));
		if (ownerActive && managerIsOwner) {
			return new Succession(false, owner.map(UserAndManager::user), Optional.empty(), null);
		}
		String note;
		if (!managerIsOwner && manager.isPresent()) {
			note = "ServiceNow names " + manager.get().userName() + " as the account's manager, not " + ref.owner()
					+ ": it was changed outside this product. Name " + manager.get().userName() + " if that is right.";
		}
		else if (owner.isEmpty()) {
			note = ref.owner() + " is not in ServiceNow any more.";
		}
		else {
			note = ref.owner() + " is inactive in ServiceNow.";
		}
		Optional<ServiceNowUser> namer = owner.flatMap(UserAndManager::manager)
			.filter(ServiceNowUser::active)
			.filter(this::isPerson);
		return new Succession(true, owner.map(UserAndManager::user), namer, note);
	}

	/**
	 * Checks a named owner in ServiceNow: they exist, are active, are a person (not a
	 * service account) and are not the one who left.
	 * @return the person as ServiceNow has them
	 * @throws OwnerRefusedException naming the field and the rule
	 */
	ServiceNowUser checkCandidate(String field, String candidate, String leaver) {
		String name;
		try {
			name = QueryValues.userName(field, candidate);
		}
		catch (IllegalArgumentException ex) {
			throw new OwnerRefusedException(field + ": '" + candidate + "' is not a ServiceNow user name");
		}
		ServiceNowUser person = serviceNow.findUserByUserName(name)
			.orElseThrow(() -> new OwnerRefusedException(field + ": " + name + " does not exist in ServiceNow"));
		if (leaver != null && UserIdMapping.samePerson(UserIdMapping.camundaUserId(person.userName()), leaver)) {
			throw new OwnerRefusedException(field + ": " + person.userName() + " is the owner who left");
		}
		if (!person.active()) {
			throw new OwnerRefusedException(field + ": " + person.userName() + " is inactive in ServiceNow");
		}
		if (!isPerson(person)) {
			throw new OwnerRefusedException(
					field + ": " + person.userName() + " is a service account; an owner must be a person");
		}
		return person;
	}

	/**
	 * Not a service account: no account prefix, not a machine identity, may use the UI.
	 */
	boolean isPerson(ServiceNowUser user) {
		return !user.userName().toLowerCase(Locale.ROOT).startsWith(accountPrefix)
				&& !"machine".equalsIgnoreCase(user.identityType()) && !user.webServiceAccessOnly();
	}

	/**
	 * Makes {@code newOwner} the account's manager (and unlocks it, when the lifecycle
	 * locked it), then reads it back. Harmless to repeat: a retry finds the new owner in
	 * place already and writes the same again.
	 * @return the new owner as ServiceNow has them
	 */
	ServiceNowUser transfer(LifecycleRef ref, String leaver, String newOwner, boolean unlock) {
		ServiceNowUser person = checkCandidate("New owner", newOwner, leaver);
		VerifiedServiceAccount account = verify(ref, List.of(leaver, newOwner), true);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("manager", person.sysId());
		if (unlock) {
			fields.put("locked_out", "false");
		}
		write(account, fields);
		return person;
	}

	// --- adoption ---

	/**
	 * An existing account found for adoption, read again by sys_id: it must still be
	 * there, under the same name, and active.
	 */
	UserAndManager adoptable(String sysId, String userName) {
		String id = QueryValues.sysId("accountSysId", sysId);
		UserAndManager account = serviceNow.findUserAndManagerBySysId(id)
			.orElseThrow(() -> new IllegalStateException("The service account " + userName + " (" + id
					+ ") to adopt is not in ServiceNow any more (deleted, or hidden from the integration user)"));
		if (!account.user().userName().equalsIgnoreCase(userName)) {
			throw new IllegalStateException("The service account " + userName + " (" + id + ") to adopt is called "
					+ account.user().userName() + " in ServiceNow now; renamed meanwhile");
		}
		if (!account.user().active()) {
			throw new IllegalStateException("The service account " + userName + " (" + id
					+ ") to adopt is inactive in ServiceNow now; nothing to govern");
		}
		return account;
	}

	/**
	 * Makes the person who accepted an adopted account's manager, read back. Whoever the
	 * manager was (nobody, someone inactive, the one who declined) is replaced; the
	 * account must still be the one found, and a service account.
	 */
	ServiceNowUser adopt(String sysId, String userName, String currentOwner, String newOwner) {
		ServiceNowUser person = checkCandidate("New owner", newOwner, null);
		UserAndManager found = adoptable(sysId, userName);
		List<String> owners = new ArrayList<>(List.of(newOwner));
		found.manager().map(ServiceNowUser::userName).ifPresent(owners::add);
		if (currentOwner != null) {
			owners.add(currentOwner);
		}
		VerifiedServiceAccount account = serviceNow.verifyGovernedAccount(sysId, userName,
				owners.stream().map(UserIdMapping::serviceNowUserName).toList(), true, defaultGroupSysId());
		write(account, Map.of("manager", person.sysId()));
		return person;
	}

	/** The person behind a user id, with their manager, as ServiceNow has them now. */
	Optional<UserAndManager> person(String userId) {
		return serviceNow.findUserAndManagerByUserName(UserIdMapping.serviceNowUserName(userId));
	}

	/**
	 * A business refusal of a named owner: the model sends it back to whoever named them.
	 */
	static class OwnerRefusedException extends RuntimeException {

		OwnerRefusedException(String message) {
			super(message);
		}

	}

}
