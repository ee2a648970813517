package io.github.serviceaccounts.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.github.serviceaccounts.request.ServiceAccountsProperties;
import io.github.serviceaccounts.servicenow.AccountPage;
import io.github.serviceaccounts.servicenow.AccountState;
import io.github.serviceaccounts.servicenow.QueryValues;
import io.github.serviceaccounts.servicenow.ServiceNowClient;
import io.github.serviceaccounts.servicenow.ServiceNowGroup;
import io.github.serviceaccounts.servicenow.ServiceNowUser;
import io.github.serviceaccounts.servicenow.UserAndManager;

/**
 * The daily sweep: reads the governed accounts in ServiceNow page by page and tells each
 * lifecycle whose owner left or whose account lies unused; reports accounts gone or
 * deactivated by hand as incidents on their lifecycles.
 * <p>
 * Calls: the active members of the default group, {@code sweep-page-size} a page, until
 * every governed account was seen or the group ends; then, only for the accounts still
 * unseen and where sys_user has identity_type, the active machine identities likewise;
 * then one read per account that is still unseen (it left the group, was deactivated or
 * deleted). So 10,000 governed accounts in the group cost 10 calls, plus one per affected
 * account. Nothing is told before everything was read: a failed call fails the whole
 * sweep, its job is retried, and no lifecycle hears the news twice.
 */
@Component
class AccountSweep {

	private static final Logger log = LoggerFactory.getLogger(AccountSweep.class);

	/**
	 * More unseen accounts than this point at a setting or a permission, not at accounts:
	 * the sweep fails loudly rather than read them one by one.
	 */
	static final int MAX_SINGLE_READS = 100;

	private static final String DEFAULT_GROUP_SETTING = "serviceaccounts.default-group";

	private final ServiceNowClient serviceNow;

	private final Lifecycles lifecycles;

	private final String defaultGroup;

	private final int pageSize;

	private final SweepRules rules;

	private final Clock clock;

	/** The default group's sys_id, which never changes while the group lives. */
	private final AtomicReference<String> groupSysId = new AtomicReference<>();

	@Autowired
	AccountSweep(ServiceNowClient serviceNow, Lifecycles lifecycles, ServiceAccountsProperties accounts,
			LifecycleProperties settings) {
		this(serviceNow, lifecycles, accounts.defaultGroup(), settings, Clock.systemUTC());
	}

	AccountSweep(ServiceNowClient serviceNow, Lifecycles lifecycles, String defaultGroup, LifecycleProperties settings,
			Clock clock) {
		this.serviceNow = serviceNow;
		this.lifecycles = lifecycles;
		this.defaultGroup = QueryValues.groupName(DEFAULT_GROUP_SETTING, defaultGroup);
		this.pageSize = settings.sweepPageSize();
		this.rules = new SweepRules(settings.dormantAfter());
		this.clock = clock;
	}

	SweepSummary sweep() {
		long began = System.nanoTime();
		Instant now = clock.instant();
		List<GovernedAccount> governed = lifecycles.governed();
		Counts counts = new Counts();
		if (governed.isEmpty()) {
			return counts.summary(0, began);
		}
		Map<String, GovernedAccount> bySysId = new LinkedHashMap<>();
		List<GovernedAccount> withoutSysId = new ArrayList<>();
		for (GovernedAccount account : governed) {
			if (account.sysId() == null) {
				withoutSysId.add(account);
			}
			else {
				bySysId.put(account.sysId(), account);
			}
		}

		// 1. read: every answer before any lifecycle hears anything
		Map<String, AccountState> seen = new HashMap<>();
		if (!bySysId.isEmpty()) {
			String group = groupSysId(counts);
			int members = readPages(offset -> serviceNow.groupMembersPage(group, offset, pageSize), bySysId, seen,
					counts);
			if (members == 0) {
				groupSysId.compareAndSet(group, null); // deleted and made again? look it
														// up next time
			}
		}
		if (seen.size() < bySysId.size() && serviceNow.hasIdentityType()) {
			readPages(offset -> serviceNow.machineIdentitiesPage(offset, pageSize), bySysId, seen, counts);
		}
		List<GovernedAccount> unseen = bySysId.values().stream().filter(a -> !seen.containsKey(a.sysId())).toList();
		if (unseen.size() > MAX_SINGLE_READS) {
			throw new IllegalStateException(unseen.size() + " of " + governed.size() + " governed accounts are "
					+ "neither active members of '" + defaultGroup + "' (" + DEFAULT_GROUP_SETTING + ") nor active "
					+ "machine identities, e.g. " + unseen.get(0).userName() + ". More than " + MAX_SINGLE_READS
					+ " points at a setting or at the integration user's read access (sys_user_grmember, sys_user), "
					+ "not at the accounts, so the sweep stops here and tells no lifecycle anything.");
		}
		Map<GovernedAccount, String> missing = new LinkedHashMap<>();
		for (GovernedAccount account : withoutSysId) {
			missing.put(account, SweepRules.missing(account, Optional.empty()).orElseThrow());
		}
		for (GovernedAccount account : unseen) {
			Optional<UserAndManager> read = serviceNow.findUserAndManagerBySysId(account.sysId());
			counts.calls++;
			read.ifPresent(found -> counts.read++);
			Optional<String> why = SweepRules.missing(account, read.map(UserAndManager::user));
			if (why.isPresent() && read.isPresent() && !read.get().user().active() && lifecycles.retiring(account)) {
				log.debug("{} is inactive: its lifecycle {} is retiring it", account.userName(), account.lifecycleId());
			}
			else if (why.isPresent()) {
				missing.put(account, why.get());
			}
			else {
				ServiceNowUser user = read.get().user();
				log.info("{} is active in ServiceNow but neither in '{}' nor a machine identity", account.userName(),
						defaultGroup);
				seen.put(account.sysId(), new AccountState(user, read.get().manager(),
						read.get().manager().isEmpty() && user.managerSysId() != null));
			}
		}

		// 2. act
		Map<String, String> openIncidents = lifecycles.openMissingIncidents();
		for (Map.Entry<GovernedAccount, String> entry : missing.entrySet()) {
			counts.missing++;
			if (!openIncidents.containsKey(entry.getKey().lifecycleId())) {
				lifecycles.raiseMissing(entry.getKey(), entry.getValue());
				log.warn("{}: incident {} raised on lifecycle {}: {}", entry.getKey().userName(),
						SweepProcess.Incidents.ACCOUNT_MISSING, entry.getKey().lifecycleId(), entry.getValue());
			}
		}
		for (GovernedAccount account : bySysId.values()) {
			AccountState state = seen.get(account.sysId());
			if (state == null) {
				continue; // missing, or retiring
			}
			Optional<String> renamed = SweepRules.missing(account, Optional.of(state.account()));
			if (renamed.isPresent()) {
				counts.missing++;
				if (!openIncidents.containsKey(account.lifecycleId())) {
					lifecycles.raiseMissing(account, renamed.get());
					log.warn("{}: incident {} raised on lifecycle {}: {}", account.userName(),
							SweepProcess.Incidents.ACCOUNT_MISSING, account.lifecycleId(), renamed.get());
				}
				continue;
			}
			String incident = openIncidents.get(account.lifecycleId());
			if (incident != null) {
				lifecycles.resolveMissing(account, incident);
				log.info("{} is back in ServiceNow; incident {} on lifecycle {} resolved", account.userName(), incident,
						account.lifecycleId());
			}
			SweepRules.Finding finding = rules.judge(account, state.account(), state.manager(), state.managerGone(),
					now);
			switch (finding.kind()) {
				case OWNER_LEFT -> tell(account, LifecycleProcess.Messages.OWNER_LEFT, finding, counts);
				case UNUSED -> tell(account, LifecycleProcess.Messages.ACCOUNT_UNUSED, finding, counts);
				case NOTHING -> {
				}
			}
		}
		return counts.summary(governed.size(), began);
	}

	private void tell(GovernedAccount account, String message, SweepRules.Finding finding, Counts counts) {
		if (!lifecycles.waitingFor(account, message)) {
			counts.busy++;
			log.info("{}: {} ({}); its lifecycle {} is busy, asked again at the next sweep", account.userName(),
					message, finding.reason(), account.lifecycleId());
			return;
		}
		lifecycles.tell(account, message);
		if (finding.kind() == SweepRules.Kind.OWNER_LEFT) {
			counts.ownerLeft++;
		}
		else {
			counts.unused++;
		}
		log.info("{}: {} told to lifecycle {}: {}", account.userName(), message, account.lifecycleId(),
				finding.reason());
	}

	/**
	 * Reads pages until every governed account was seen or the stream ends.
	 * @return the rows read
	 */
	private int readPages(IntFunction<AccountPage> page, Map<String, GovernedAccount> governed,
			Map<String, AccountState> seen, Counts counts) {
		int rows = 0;
		int offset = 0;
		AccountPage current;
		do {
			current = page.apply(offset);
			counts.calls++;
			rows += current.accounts().size();
			for (AccountState state : current.accounts()) {
				if (governed.containsKey(state.account().sysId())) {
					seen.putIfAbsent(state.account().sysId(), state);
				}
			}
			offset += pageSize;
		}
		while (current.more() && seen.size() < governed.size());
		counts.read += rows;
		return rows;
	}

	private String groupSysId(Counts counts) {
		String known = groupSysId.get();
		if (known != null) {
			return known;
		}
		counts.calls++;
		ServiceNowGroup group = serviceNow.findGroupByName(defaultGroup)
			.orElseThrow(() -> new IllegalStateException(DEFAULT_GROUP_SETTING + ": the group '" + defaultGroup
					+ "' does not exist in ServiceNow (or the integration user may not read it), so the sweep "
					+ "cannot list the governed accounts"));
		groupSysId.set(group.sysId());
		return group.sysId();
	}

	private static final class Counts {

		long read;

		long calls;

		long ownerLeft;

		long unused;

		long busy;

		long missing;

		SweepSummary summary(long governed, long began) {
			return new SweepSummary(governed, read, calls, ownerLeft, unused, busy, missing,
					Duration.ofNanos(System.nanoTime() - began));
		}

	}

}
