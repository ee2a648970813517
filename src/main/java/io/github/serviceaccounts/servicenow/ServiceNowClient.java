package io.github.serviceaccounts.servicenow;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.client.RestClient;

import static io.github.serviceaccounts.servicenow.ServiceNowJson.text;
import static io.github.serviceaccounts.servicenow.TableRecords.atMostOne;
import static io.github.serviceaccounts.servicenow.TableRecords.hasSysId;
import static io.github.serviceaccounts.servicenow.TableRecords.isMembership;
import static io.github.serviceaccounts.servicenow.TableRecords.manager;
import static io.github.serviceaccounts.servicenow.TableRecords.membership;
import static io.github.serviceaccounts.servicenow.TableRecords.requireAsked;
import static io.github.serviceaccounts.servicenow.TableRecords.user;

/**
 * The one place that speaks ServiceNow's Table API (v2): it builds safe queries, owns
 * HTTP and JSON, unwraps the {@code result} envelope and maps every failure to a
 * {@link ServiceNowException}. Callers never see HTTP. Thread-safe; one instance per
 * application.
 * <p>
 * The work is done by package-private parts, so that each can be read on its own:
 * {@link TableCall} (what is asked, and how it is spelled in a URL),
 * {@link TableExchange} (HTTP and its failures), {@link TableRecords} (checking what came
 * back) and {@link UserWrites} (what may be written).
 * <p>
 * Every lookup checks that ServiceNow returned exactly the record asked for, because an
 * encoded query that ServiceNow misreads (an unknown field is silently dropped) returns
 * more than was asked for, not an error.
 */
public class ServiceNowClient {

	private static final Logger logger = LoggerFactory.getLogger(ServiceNowClient.class);

	static final String USER_TABLE = "sys_user";

	static final String GROUP_TABLE = "sys_user_group";

	static final String MEMBERSHIP_TABLE = "sys_user_grmember";

	static final String GROUP_ROLE_TABLE = "sys_group_has_role";

	static final String USER_ROLE_TABLE = "sys_user_has_role";

	static final String USER_FIELDS = "sys_id,user_name,first_name,last_name,email,manager,active,locked_out,"
			+ "web_service_access_only,password_needs_reset,last_login_time,identity_type,sys_created_on";

	// The manager's fields the approver routing needs, dot-walked through the reference
	// so that the
	// requester and the manager come back in one call.
	static final String MANAGER_FIELDS = "manager.sys_id,manager.user_name,manager.first_name,manager.last_name,"
			+ "manager.email,manager.active";

	static final String GROUP_FIELDS = "sys_id,name,active";

	static final String MEMBERSHIP_FIELDS = "sys_id,user,group";

	static final String USER_MEMBERSHIP_FIELDS = "sys_id,user,group,group.name";

	// A group member's account and owner, dot-walked through the membership row, so that
	// a page of accounts
	// is one call. user.identity_type is added only where the instance has the field.
	static final String MEMBER_FIELDS = "sys_id,user,group,user.sys_id,user.user_name,user.first_name,user.last_name,"
			+ "user.email,user.active,user.locked_out,user.web_service_access_only,user.last_login_time,"
			+ "user.sys_created_on,user.manager,user.manager.sys_id,user.manager.user_name,user.manager.first_name,"
			+ "user.manager.last_name,user.manager.email,user.manager.active";

	static final String MEMBER_IDENTITY_TYPE_FIELD = "user.identity_type";

	static final String IDENTITY_TYPE_PROBE_FIELDS = "sys_id,identity_type";

	static final String MACHINE = "machine";

	/**
	 * The largest page {@link #groupMembersPage} and {@link #machineIdentitiesPage} read.
	 */
	public static final int MAX_PAGE_SIZE = 1000;

	// The owning reference is fetched along with the role so that every row can be
	// checked against the
	// sys_id asked for: a query that ServiceNow ignored would otherwise list everybody's
	// roles.
	static final String GROUP_ROLE_FIELDS = "role.name,group";

	// The user's last login rides along on every row, so that the evidence for the owner
	// needs no read of
	// the user record.
	static final String USER_ROLE_FIELDS = "role.name,inherited,user,user.last_login_time";

	// Two, so that a second match for a unique key is seen instead of silently ignored.
	static final int UNIQUE_LOOKUP_LIMIT = 2;

	/**
	 * ServiceNow's default transaction quota for REST calls (60 s) plus time queued for a
	 * worker.
	 */
	static final Duration DEFAULT_WRITE_SETTLE_TIME = Duration.ofSeconds(90);

	private final TableExchange exchange;

	private final TableRecords records;

	private final UserWrites writes;

	// Null until an answer said; a field does not come and go on a running instance (an
	// upgrade restarts us
	// rarely enough), so it is asked once per client.
	private volatile Boolean identityType;

	/**
	 * @param restClient carries authentication, timeouts and the JSON Accept header (see
	 * {@code ServiceNowConfiguration})
	 * @param baseUrl the instance URL such as {@code https://acme.service-now.com}, asked
	 * on every call because the embedded simulator's port is only known once the web
	 * server runs
	 */
	public ServiceNowClient(RestClient restClient, Supplier<String> baseUrl) {
		this(restClient, baseUrl, Clock.systemUTC());
	}

	ServiceNowClient(RestClient restClient, Supplier<String> baseUrl, Clock clock) {
		this(restClient, baseUrl, clock, new RequestPacer(ServiceNowPacing.NONE), DEFAULT_WRITE_SETTLE_TIME,
				ServiceAccountPolicy.DEFAULT);
	}

	/**
	 * @param pacer the JVM-wide ceiling on calls per second and the short 429 waits to
	 * absorb
	 * @param writeSettleTime how long after it was sent a write without a clear answer
	 * may still be committed (see {@link ServiceNowProperties#writeSettleTime()})
	 * @param policy what makes a user a service account this application may write to
	 */
	ServiceNowClient(RestClient restClient, Supplier<String> baseUrl, Clock clock, RequestPacer pacer,
			Duration writeSettleTime, ServiceAccountPolicy policy) {
		this.exchange = new TableExchange(restClient, baseUrl, clock, pacer, writeSettleTime);
		this.records = new TableRecords(this.exchange);
		this.writes = new UserWrites(policy);
	}

	/** Where the duration and outcome of each call are reported (none by default). */
	public void setMetrics(CallMetrics metrics) {
		this.exchange.setMetrics(metrics);
	}

	/** Looks a user up by {@code user_name}, compared case-insensitively. */
	public Optional<ServiceNowUser> findUserByUserName(String userName) {
		return userRowByName(userName, USER_FIELDS).map(TableRecords::user);
	}

	/**
	 * Looks users up by {@code user_name} in one call
	 * ({@code user_name=a^ORuser_name=b}), each together with the user's manager: "Check
	 * request" finds the requester and makes sure the account name is free with a single
	 * call. Names are compared case-insensitively; two records for one name are refused
	 * as for a single look-up. The manager counts as found only when the dot-walked
	 * {@code manager.sys_id} is the very sys_id the reference holds.
	 * @return for each name asked (validated, as given), the user found or empty, in the
	 * order asked
	 */
	public Map<String, Optional<UserAndManager>> findUsersAndManagersByUserNames(List<String> userNames) {
		List<String> names = userNames.stream().map(name -> QueryValues.userName("userName", name)).toList();
		// Each name once, as first spelled; rows are filed under it whatever the case
		// ServiceNow answers in.
		Map<String, List<JsonNode>> rowsByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		List<String> distinct = new ArrayList<>();
		for (String name : names) {
			if (rowsByName.putIfAbsent(name, new ArrayList<>()) == null) {
				distinct.add(name);
			}
		}
		// Two rows per name: a duplicate is seen, not silently cut off. Had the limit cut
		// anything, some name
		// would hold two rows, which is refused below.
		TableCall call = TableCall.list(USER_TABLE)
			.query(EncodedQuery.whereAnyOf("user_name", distinct))
			.fields(USER_FIELDS + "," + MANAGER_FIELDS)
			.limit(UNIQUE_LOOKUP_LIMIT * distinct.size());
		String asked = String.join(" or ", distinct.stream().map(name -> "user_name=" + name).toList());
		for (JsonNode row : this.records.list(call)) {
			requireAsked(call, row, asked,
					candidate -> hasSysId(candidate) && rowsByName.containsKey(text(candidate, "user_name")));
			rowsByName.get(text(row, "user_name")).add(row);
		}
		Map<String, Optional<UserAndManager>> found = new LinkedHashMap<>();
		for (String name : names) {
			found.put(name, atMostOne(call, rowsByName.get(name), "user_name=" + name, row -> true)
				.map(row -> new UserAndManager(user(row), manager(row))));
		}
		return found;
	}

	private Optional<JsonNode> userRowByName(String userName, String fields) {
		String name = QueryValues.userName("userName", userName);
		TableCall call = TableCall.list(USER_TABLE)
			.query(EncodedQuery.where("user_name", name))
			.fields(fields)
			.limit(UNIQUE_LOOKUP_LIMIT);
		return atMostOne(call, this.records.list(call), "user_name=" + name,
				row -> hasSysId(row) && text(row, "user_name").equalsIgnoreCase(name));
	}

	/**
	 * Reads one user; a 404 (no such record, or an ACL hides it) gives an empty result.
	 */
	public Optional<ServiceNowUser> findUserBySysId(String sysId) {
		String id = QueryValues.sysId("sysId", sysId);
		TableCall call = TableCall.get(USER_TABLE, id).fields(USER_FIELDS);
		return this.records.recordIfFound(call).map(record -> {
			requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
			return user(record);
		});
	}

	/**
	 * Reads a user and checks, on ServiceNow's answer, that it is a service account the
	 * caller may change: its user name is the one expected and starts with the account
	 * prefix, ServiceNow records this application's integration user as its creator, and
	 * its {@code manager} is the expected owner. Every write to a user takes the result,
	 * so none reaches a person's account, whatever sys_id a caller passes.
	 * @throws UnsafeWriteException naming the record and every rule it breaks
	 */
	public VerifiedServiceAccount verifyServiceAccount(String sysId, String expectedUserName, String ownerUserName) {
		String id = QueryValues.sysId("accountSysId", sysId);
		String expected = QueryValues.userName("accountUserName", expectedUserName);
		String owner = QueryValues.userName("owner", ownerUserName);
		TableCall call = TableCall.get(USER_TABLE, id).fields(USER_FIELDS + ",sys_created_by," + MANAGER_FIELDS);
		JsonNode record = this.records.recordIfFound(call)
			.orElseThrow(() -> new UnsafeWriteException("Refused to change sys_user " + id + ": ServiceNow has no "
					+ "such user (deleted, or hidden from the integration user). Nothing was written."));
		requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
		ServiceNowUser account = user(record);
		Optional<ServiceNowUser> manager = manager(record);
		List<String> broken = this.writes.brokenRules(account, text(record, "sys_created_by"), manager, expected,
				owner);
		if (!broken.isEmpty()) {
			throw new UnsafeWriteException("Refused to change sys_user " + id + " ('" + account.userName() + "'): "
					+ String.join("; ", broken) + ". Nothing was written.");
		}
		return new VerifiedServiceAccount(account, manager.get());
	}

	/**
	 * Creates an active user who may still use the UI
	 * ({@code web_service_access_only=false}), so the owner can try calls in the REST API
	 * Explorer. A duplicate {@code user_name} is refused by ServiceNow (403).
	 */
	public ServiceNowUser createUser(NewServiceNowUser user) {
		Objects.requireNonNull(user, "user");
		// The name must be one we can query later, and ServiceNow silently cuts user_name
		// at 40
		// characters: a cut name would never be found again, so a retry would create a
		// second account.
		String name = QueryValues.userName("userName", user.userName());
		Map<String, String> fields = this.writes.newUser(name, user);
		TableCall call = TableCall.post(USER_TABLE).fields(USER_FIELDS).body(ServiceNowJson.write(fields));
		JsonNode record = this.records.record(call);
		requireAsked(call, record, "user_name=" + name,
				row -> hasSysId(row) && text(row, "user_name").equalsIgnoreCase(name));
		return user(record);
	}

	/**
	 * Changes fields of a user and returns the record as ServiceNow stored it. Values are
	 * strings as the Table API expects ({@code "true"}, {@code "false"}, a sys_id,
	 * {@code ""} to clear). The password is refused here: it needs
	 * {@link #setPassword(String, char[])}.
	 */
	public ServiceNowUser updateUser(VerifiedServiceAccount account, Map<String, String> fields) {
		return updateUser(account.sysId(), fields);
	}

	ServiceNowUser updateUser(String sysId, Map<String, String> fields) {
		String id = QueryValues.sysId("sysId", sysId);
		if (fields == null || fields.isEmpty()) {
			throw new IllegalArgumentException("updateUser needs at least one field to change");
		}
		Map<String, String> changes = UserWrites.changes(fields);
		TableCall call = TableCall.patch(USER_TABLE, id).fields(USER_FIELDS).body(ServiceNowJson.write(changes));
		JsonNode record = this.records.record(call);
		requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
		return user(record);
	}

	/**
	 * Sets a password that must be changed at the next UI login. Without
	 * {@code sysparm_input_display_value=true} ServiceNow answers 200 but stores an
	 * unusable password, so the flag is always sent. The password never reaches a message
	 * or a log: ServiceNow's own error texts are scrubbed of it in case they echo it. The
	 * caller's array is left alone; the copies made here are zeroed.
	 */
	public void setPassword(VerifiedServiceAccount account, char[] password) {
		setPassword(account.sysId(), password);
	}

	void setPassword(String sysId, char[] password) {
		String id = QueryValues.sysId("sysId", sysId);
		if (password == null || password.length == 0) {
			throw new IllegalArgumentException("setPassword needs a non-empty password");
		}
		byte[] body = UserWrites.passwordBody(password);
		try {
			TableCall call = TableCall.patch(USER_TABLE, id)
				.param("sysparm_input_display_value", "true")
				.fields("sys_id")
				.body(body)
				.scrub(TableExchange.redacting(password));
			JsonNode record = this.records.record(call);
			requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
		}
		finally {
			Arrays.fill(body, (byte) 0);
		}
	}

	/**
	 * Looks a group up by name, compared case-insensitively; two groups with one name are
	 * an error.
	 */
	public Optional<ServiceNowGroup> findGroupByName(String name) {
		String groupName = QueryValues.groupName("groupName", name);
		TableCall call = TableCall.list(GROUP_TABLE)
			.query(EncodedQuery.where("name", groupName))
			.fields(GROUP_FIELDS)
			.limit(UNIQUE_LOOKUP_LIMIT);
		return atMostOne(call, this.records.list(call), "name=" + groupName,
				row -> hasSysId(row) && text(row, "name").equalsIgnoreCase(groupName))
			.map(TableRecords::group);
	}

	/**
	 * The names of the roles a group grants to its members (from
	 * {@code sys_group_has_role}).
	 */
	public List<String> findGroupRoleNames(String groupSysId) {
		String id = QueryValues.sysId("groupSysId", groupSysId);
		TableCall call = TableCall.list(GROUP_ROLE_TABLE)
			.query(EncodedQuery.where("group", id))
			.fields(GROUP_ROLE_FIELDS);
		return TableRecords.groupRoleNames(call, this.records.allPages(call), id);
	}

	/** The membership row of one user in one group, if any. */
	public Optional<GroupMembership> findMembership(String userSysId, String groupSysId) {
		String user = QueryValues.sysId("userSysId", userSysId);
		String group = QueryValues.sysId("groupSysId", groupSysId);
		TableCall call = TableCall.list(MEMBERSHIP_TABLE)
			.query(EncodedQuery.where("user", user).and("group", group))
			.fields(MEMBERSHIP_FIELDS)
			.limit(UNIQUE_LOOKUP_LIMIT);
		String asked = "user=" + user + "^group=" + group;
		return atMostOne(call, this.records.list(call), asked, isMembership(user, group)).map(TableRecords::membership);
	}

	/**
	 * Adds a user to a group, which grants the group's roles. ServiceNow does not stop a
	 * duplicate row, so callers look the membership up first.
	 */
	public GroupMembership addMembership(VerifiedServiceAccount account, String groupSysId) {
		return addMembership(account.sysId(), groupSysId);
	}

	GroupMembership addMembership(String userSysId, String groupSysId) {
		String user = QueryValues.sysId("userSysId", userSysId);
		String group = QueryValues.sysId("groupSysId", groupSysId);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("user", user);
		fields.put("group", group);
		TableCall call = TableCall.post(MEMBERSHIP_TABLE).fields(MEMBERSHIP_FIELDS).body(ServiceNowJson.write(fields));
		JsonNode record = this.records.record(call);
		requireAsked(call, record, "user=" + user + "^group=" + group, isMembership(user, group));
		return membership(record);
	}

	/**
	 * The roles a user holds, directly or inherited (one entry per
	 * {@code sys_user_has_role} row), with the user's last login read through the same
	 * rows.
	 */
	public UserRoles findUserRoles(String userSysId) {
		String id = QueryValues.sysId("userSysId", userSysId);
		TableCall call = TableCall.list(USER_ROLE_TABLE).query(EncodedQuery.where("user", id)).fields(USER_ROLE_FIELDS);
		return TableRecords.userRoles(call, this.records.allPages(call), id);
	}

	/**
	 * Whether this instance's {@code sys_user} has the {@code identity_type} field (newer
	 * releases). Asked with one call the first time and remembered for the client's life.
	 * An instance ignores an unknown field in {@code sysparm_fields}, so the key is in
	 * the row exactly when the field exists.
	 */
	public boolean hasIdentityType() {
		Boolean known = this.identityType;
		if (known != null) {
			return known;
		}
		TableCall call = TableCall.list(USER_TABLE).fields(IDENTITY_TYPE_PROBE_FIELDS).limit(1);
		List<JsonNode> rows = this.records.list(call);
		if (rows.isEmpty()) {
			// The integration user at least should be visible; without a row there is no
			// answer to remember.
			throw new UnexpectedResultException(call.operation(), 200,
					call.operation() + " returned no user at all, so whether sys_user has identity_type is unknown; "
							+ "check that the integration account may read sys_user");
		}
		boolean has = rows.get(0).has("identity_type");
		this.identityType = has;
		logger.info("ServiceNow's sys_user {} the identity_type field", has ? "has" : "does not have");
		return has;
	}

	/**
	 * Looks a user up by {@code user_name} (case-insensitively) together with the user's
	 * manager, in one call.
	 */
	public Optional<UserAndManager> findUserAndManagerByUserName(String userName) {
		return userRowByName(userName, USER_FIELDS + "," + MANAGER_FIELDS)
			.map(row -> new UserAndManager(user(row), manager(row)));
	}

	/**
	 * Reads a user together with the user's manager in one call; a 404 (no such record,
	 * or an ACL hides it) gives an empty result.
	 */
	public Optional<UserAndManager> findUserAndManagerBySysId(String sysId) {
		String id = QueryValues.sysId("sysId", sysId);
		TableCall call = TableCall.get(USER_TABLE, id).fields(USER_FIELDS + "," + MANAGER_FIELDS);
		return this.records.recordIfFound(call).map(record -> {
			requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
			return new UserAndManager(user(record), manager(record));
		});
	}

	/**
	 * Reads a user this application governs but may not have created (an adopted account)
	 * and checks, on ServiceNow's answer, that a write to it is safe: the sys_id and user
	 * name are the ones expected; its owner (manager) is one of the accepted owners, or
	 * it has none (or one that is gone) and {@code acceptNoOwner}; and it is a service
	 * account: created by this application's integration user, or of identity type
	 * machine, or web service access only, or (asked only when nothing else shows it,
	 * with one more call) a member of the service account group.
	 * @param acceptedOwners user names, compared case-insensitively
	 * @return the account; its {@link VerifiedServiceAccount#owner()} is {@code null}
	 * when it was accepted without an owner
	 * @throws UnsafeWriteException naming the record and every rule it breaks
	 */
	public VerifiedServiceAccount verifyGovernedAccount(String sysId, String expectedUserName,
			Collection<String> acceptedOwners, boolean acceptNoOwner, String serviceAccountGroupSysId) {
		String id = QueryValues.sysId("accountSysId", sysId);
		String expected = QueryValues.userName("accountUserName", expectedUserName);
		String group = QueryValues.sysId("serviceAccountGroupSysId", serviceAccountGroupSysId);
		Objects.requireNonNull(acceptedOwners, "acceptedOwners");
		TableCall call = TableCall.get(USER_TABLE, id).fields(USER_FIELDS + ",sys_created_by," + MANAGER_FIELDS);
		JsonNode record = this.records.recordIfFound(call)
			.orElseThrow(() -> new UnsafeWriteException("Refused to change sys_user " + id + ": ServiceNow has no "
					+ "such user (deleted, or hidden from the integration user). Nothing was written."));
		requireAsked(call, record, "sys_id=" + id, row -> id.equals(text(row, "sys_id")));
		ServiceNowUser account = user(record);
		Optional<ServiceNowUser> manager = manager(record);
		// A reference whose dot-walk answers another sys_id is no readable owner either.
		boolean managerGone = manager.isEmpty() && account.managerSysId() != null;
		List<String> broken = this.writes.brokenGovernedRules(account, text(record, "sys_created_by"), manager,
				managerGone, expected, acceptedOwners, acceptNoOwner, () -> findMembership(id, group).isPresent());
		if (!broken.isEmpty()) {
			throw new UnsafeWriteException("Refused to change sys_user " + id + " ('" + account.userName() + "'): "
					+ String.join("; ", broken) + ". Nothing was written.");
		}
		return new VerifiedServiceAccount(account, manager.orElse(null));
	}

	/**
	 * Every group membership of a user (all pages), each with the group's name.
	 */
	public List<UserGroupMembership> findMemberships(String userSysId) {
		String id = QueryValues.sysId("userSysId", userSysId);
		TableCall call = TableCall.list(MEMBERSHIP_TABLE)
			.query(EncodedQuery.where("user", id))
			.fields(USER_MEMBERSHIP_FIELDS);
		List<UserGroupMembership> memberships = new ArrayList<>();
		for (JsonNode row : this.records.allPages(call)) {
			requireAsked(call, row, "user=" + id,
					r -> hasSysId(r) && id.equals(text(r, "user")) && QueryValues.isSysId(text(r, "group")));
			memberships.add(TableRecords.userGroupMembership(row));
		}
		return List.copyOf(memberships);
	}

	/**
	 * Removes the account from a group (which takes the roles inherited through it).
	 * Removing a membership that is already gone (ServiceNow's 404) counts as done, so a
	 * repeat after a lost answer is harmless.
	 * @throws IllegalArgumentException when the membership is not the account's
	 */
	public void removeMembership(VerifiedServiceAccount account, UserGroupMembership membership) {
		Objects.requireNonNull(account, "account");
		Objects.requireNonNull(membership, "membership");
		if (!account.sysId().equals(membership.userSysId())) {
			throw new IllegalArgumentException(
					"Membership " + membership.sysId() + " belongs to user " + membership.userSysId() + ", not to "
							+ account.userName() + " (" + account.sysId() + "); nothing was removed");
		}
		String id = QueryValues.sysId("membershipSysId", membership.sysId());
		TableCall call = TableCall.delete(MEMBERSHIP_TABLE, id);
		if (!this.records.delete(call)) {
			logger.info("membership {} of {} in group {} was already removed", id, account.userName(),
					membership.groupSysId());
		}
	}

	/**
	 * One page of the active members of a group, each with its owner, ordered by the
	 * membership's sys_id: one call. A user in the group twice comes twice.
	 * @param limit 1 to {@value #MAX_PAGE_SIZE}
	 */
	public AccountPage groupMembersPage(String groupSysId, int offset, int limit) {
		String group = QueryValues.sysId("groupSysId", groupSysId);
		checkPage(offset, limit);
		String fields = hasIdentityType() ? MEMBER_FIELDS + "," + MEMBER_IDENTITY_TYPE_FIELD : MEMBER_FIELDS;
		TableCall call = TableCall.list(MEMBERSHIP_TABLE)
			.query(EncodedQuery.where("group", group).and("user.active", "true").orderBy("sys_id"))
			.fields(fields)
			.limit(limit)
			.param("sysparm_offset", Integer.toString(offset));
		List<JsonNode> rows = this.records.list(call);
		List<AccountState> accounts = new ArrayList<>();
		for (JsonNode row : rows) {
			requireAsked(call, row, "group=" + group + "^user.active=true",
					r -> hasSysId(r) && group.equals(text(r, "group")) && QueryValues.isSysId(text(r, "user"))
							&& text(r, "user").equals(text(r, "user.sys_id")) && ServiceNowJson.bool(r, "user.active"));
			accounts.add(TableRecords.accountState(call, row, "user."));
		}
		return new AccountPage(accounts, rows.size() == limit);
	}

	/**
	 * One page of the active users of identity type machine, each with its owner, ordered
	 * by sys_id: one call.
	 * @param limit 1 to {@value #MAX_PAGE_SIZE}
	 * @throws IllegalStateException when the instance has no identity_type field: a query
	 * on it would be dropped and list every active user
	 */
	public AccountPage machineIdentitiesPage(int offset, int limit) {
		checkPage(offset, limit);
		if (!hasIdentityType()) {
			throw new IllegalStateException("This ServiceNow instance's sys_user has no identity_type field "
					+ "(a release before identity types), so machine identities cannot be listed");
		}
		TableCall call = TableCall.list(USER_TABLE)
			.query(EncodedQuery.where("identity_type", MACHINE).and("active", "true").orderBy("sys_id"))
			.fields(USER_FIELDS + "," + MANAGER_FIELDS)
			.limit(limit)
			.param("sysparm_offset", Integer.toString(offset));
		List<JsonNode> rows = this.records.list(call);
		List<AccountState> accounts = new ArrayList<>();
		for (JsonNode row : rows) {
			requireAsked(call, row, "identity_type=machine^active=true", r -> hasSysId(r)
					&& MACHINE.equalsIgnoreCase(text(r, "identity_type")) && ServiceNowJson.bool(r, "active"));
			accounts.add(TableRecords.accountState(call, row, ""));
		}
		return new AccountPage(accounts, rows.size() == limit);
	}

	private static void checkPage(int offset, int limit) {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must be 0 or more, not " + offset);
		}
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_SIZE + ", not " + limit);
		}
	}

	/**
	 * The instance URL without a trailing slash, for links in mails (e.g.
	 * {@code <url>/$restapi.do}).
	 */
	public String instanceUrl() {
		return this.exchange.instanceUrl();
	}

	/**
	 * Kept for the tests that pin the encoding through the facade; the encoding lives in
	 * {@link TableCall}.
	 */
	static String percentEncoded(String value) {
		return TableCall.percentEncoded(value);
	}

}
